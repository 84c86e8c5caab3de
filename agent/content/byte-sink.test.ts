import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createByteSink, WORKER_SINK_BYTES } from './byte-sink.ts';
import { sha256 } from './test-support/source-fixtures.ts';

test('a large file goes through the same few batch buffers however many batches it takes', async () => {
  const path = join(mkdtempSync(join(tmpdir(), 'taskseq-sink-')), 'big.bin');
  const sink = createByteSink(path, WORKER_SINK_BYTES);
  const seen = new Set<ArrayBufferLike>();
  const expected: Buffer[] = [];
  for (let i = 0; i < 12; i++) {
    const batch = await sink.acquire();
    seen.add(batch.buffer);
    batch.fill(i);
    expected.push(Buffer.from(batch));
    sink.write(batch, batch.length);
  }
  await sink.settle();
  assert.ok(seen.size <= 4, `${seen.size} distinct buffers for 12 batches`);
  const all = Buffer.concat(expected);
  assert.equal(await sink.digest(), sha256(all));
  await sink.close();
  assert.ok(readFileSync(path).equals(all), 'every batch was written once, in order');
});

test('a write that fails is reported by the next acquire and by settle, naming the file', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'taskseq-sink-'));
  const path = join(dir, 'is-a-folder');
  mkdirSync(path);
  const sink = createByteSink(path, 10);
  const batch = await sink.acquire();
  sink.write(batch, 10);
  await assert.rejects(sink.settle(), /cannot write or hash .*is-a-folder/);
  await assert.rejects(sink.acquire(), /cannot write or hash/);
  await sink.close();
});
