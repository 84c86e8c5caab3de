import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDiskSignature, parseMbrSlots, renderChs, renderMbrSector } from './mbr.ts';

test('CHS uses 255 heads and 63 sectors per track, and FE FF FF past cylinder 1023', () => {
  assert.deepEqual(renderChs(2048), [0x20, 0x21, 0x00]);
  assert.deepEqual(renderChs(0), [0x00, 0x01, 0x00]);
  assert.deepEqual(renderChs(1023 * 255 * 63), [0x00, 0xc1, 0xff]);
  assert.deepEqual(renderChs(1024 * 255 * 63), [0xfe, 0xff, 0xff]);
});

test('an MBR sector holds its entries at 0x1BE, the signature at 0x1B8 and 0x55AA at 510', () => {
  const slot = { active: true, type: 0x07, startLba: 2048, sectorCount: 1024000 };
  const sector = renderMbrSector(4096, [undefined, slot], 0x12345678);
  assert.equal(sector.length, 4096);
  assert.deepEqual([...sector.subarray(510, 512)], [0x55, 0xaa]);
  assert.deepEqual([...sector.subarray(0x1ce, 0x1de)], [0x80, 0x20, 0x21, 0x00, 0x07, 0xdd, 0x1e, 0x3f, 0x00, 0x08, 0, 0, 0x00, 0xa0, 0x0f, 0x00]);
  assert.deepEqual(parseMbrSlots(sector), [undefined, slot, undefined, undefined]);
  assert.equal(parseDiskSignature(sector), 0x12345678);
});
