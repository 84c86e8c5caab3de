import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { WORKER_SINK_BYTES } from './byte-sink.ts';
import { openPartial, partialWriter, resetPartial } from './file-sink.ts';
import { sha256 } from './test-support/source-fixtures.ts';

const data = randomBytes(9 * 1024 * 1024 + 123);
const writer = (p: Awaited<ReturnType<typeof openPartial>>, limit = 1e12) => partialWriter(p, { limit, onBytes: () => {}, onOverflow: () => new Error('overflow') });

for (const [name, size] of [['inline', data.length], ['worker thread', WORKER_SINK_BYTES]] as const) {
  test(`${name} sink: bytes, hash and a resume across a reopen agree`, async () => {
    const target = join(mkdtempSync(join(tmpdir(), 'taskseq-sink-')), 'file.bin');
    const first = await openPartial(target, size);
    await pipeline(Readable.from([data.subarray(0, 5_000_000)]), writer(first));
    assert.equal(first.bytes, 5_000_000);
    await first.sink.close();
    const resumed = await openPartial(target, size);
    assert.equal(resumed.bytes, 5_000_000, 'the bytes of the earlier attempt count');
    await pipeline(Readable.from([data.subarray(5_000_000)]), writer(resumed));
    assert.equal(await resumed.sink.digest(), sha256(data));
    await resumed.sink.close();
    assert.ok(readFileSync(resumed.path).equals(data));
    await resetPartial(resumed);
    assert.equal(resumed.bytes, 0);
    await pipeline(Readable.from([Buffer.from('abc')]), writer(resumed));
    assert.equal(await resumed.sink.digest(), sha256('abc'));
    await resumed.sink.close();
  });
}

test('a body larger than the manifest says is stopped', async () => {
  const p = await openPartial(join(mkdtempSync(join(tmpdir(), 'taskseq-sink-')), 'f'), 10);
  await assert.rejects(pipeline(Readable.from([Buffer.alloc(11)]), writer(p, 10)), /overflow/);
  await p.sink.close();
});
