import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readPeFileVersion, type ReadAt } from './pe-file-version.ts';
import { buildPe } from './test-support/build-pe.ts';

/** Reads from `bytes`, recording what was read. */
function reader(bytes: Buffer) {
  const reads: number[] = [];
  const read: ReadAt = (offset, length) => {
    reads.push(length);
    return bytes.subarray(offset, offset + length);
  };
  return { read, reads };
}

test('the file version of a PE32+ and a PE32 file comes from its VS_FIXEDFILEINFO', () => {
  assert.equal(readPeFileVersion(reader(buildPe({ version: [10, 0, 22631, 4460] })).read), '10.0.22631.4460');
  assert.equal(readPeFileVersion(reader(buildPe({ pe32Plus: false, version: [6, 3, 65535, 1] })).read), '6.3.65535.1');
});

test('no version: not a PE file, no version resource, a version resource without the fixed info, a cut file', () => {
  assert.equal(readPeFileVersion(reader(Buffer.from('plain text, not a program')).read), undefined);
  assert.equal(readPeFileVersion(reader(buildPe({ otherResourceOnly: true, version: [1, 2, 3, 4] })).read), undefined);
  assert.equal(readPeFileVersion(reader(buildPe({})).read), undefined);
  const whole = buildPe({ version: [1, 2, 3, 4] });
  assert.equal(readPeFileVersion(reader(whole.subarray(0, 0x220)).read), undefined);
  const notPe = Buffer.from(whole);
  notPe.writeUInt32LE(0, 0x40);
  assert.equal(readPeFileVersion(reader(notPe).read), undefined);
});

test('only headers and resources are read, never the whole file', () => {
  const big = Buffer.concat([buildPe({ version: [1, 2, 3, 4] }), Buffer.alloc(1 << 20)]);
  const { read, reads } = reader(big);
  assert.equal(readPeFileVersion(read), '1.2.3.4');
  assert.ok(reads.every((n) => n <= 512), `reads: ${reads.join(', ')}`);
});
