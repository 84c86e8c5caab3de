import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InvalidInputError } from '../../../engine/problems.ts';
import { detectWimMagic, parseWimHeader, WIM_HEADER_SIZE } from './wim-header.ts';

function header(flags: number): Buffer {
  const b = Buffer.alloc(WIM_HEADER_SIZE);
  b.write('MSWIM\0\0\0', 0, 'latin1');
  b.writeUInt32LE(WIM_HEADER_SIZE, 8);
  b.writeUInt32LE(flags, 16);
  Buffer.from('00112233445566778899aabbccddeeff', 'hex').copy(b, 24);
  b.writeUInt16LE(2, 40);
  b.writeUInt16LE(3, 42);
  b.writeUIntLE(0x123456789a, 72, 6); // XML stored size beyond 32 bits
  b[72 + 7] = 0x02;
  b.writeBigUInt64LE(0x100000000n, 80);
  return b;
}

test('decodes the fields, GUID in 8-4-4-4-12 form and sizes beyond 32 bits', () => {
  const h = parseWimHeader(header(0x2 | 0x40000 | 0x8), 'x.swm');
  assert.equal(h.compression, 'lzx');
  assert.equal(h.spanned, true);
  assert.equal(h.guid, '33221100-5544-7766-8899-AABBCCDDEEFF');
  assert.deepEqual([h.partNumber, h.totalParts], [2, 3]);
  assert.deepEqual(h.xmlData, { storedSize: 0x123456789a, flags: 2, offset: 0x100000000, originalSize: 0 });
});

test('compression type bits count only with the compression flag', () => {
  assert.equal(parseWimHeader(header(0x20000), 'x').compression, 'none');
  assert.equal(parseWimHeader(header(0x2 | 0x20000), 'x').compression, 'xpress');
  assert.equal(parseWimHeader(header(0x2 | 0x80000), 'x').compression, 'lzms');
});

test('unknown compression is refused, naming the file', () => {
  assert.throws(() => parseWimHeader(header(0x2), 'odd.wim'), /odd\.wim: unknown compression .*0x2/);
});

test('recognises the pipable magic and nothing else', () => {
  assert.equal(detectWimMagic(Buffer.from('WLPWM\0\0\0rest', 'latin1')), 'pipable');
  assert.equal(detectWimMagic(Buffer.from('MSWIM\0\0\0', 'latin1')), 'plain');
  assert.equal(detectWimMagic(Buffer.from('MSWIM', 'latin1')), undefined);
});

test('a binary foreign file is described in hex', () => {
  assert.throws(() => parseWimHeader(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0]), 'a.zip'), (error: unknown) => {
    assert.ok(error instanceof InvalidInputError);
    assert.equal(error.message, 'not a Windows image: a.zip starts with 50 4b 03 04 00 00 00 00');
    return true;
  });
});

test('a header cut short is truncated', () => {
  assert.throws(() => parseWimHeader(header(0).subarray(0, 100), 'cut.wim'), /cut\.wim: truncated Windows image: the header needs 208 bytes, the file has 100/);
});
