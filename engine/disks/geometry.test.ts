import { test } from 'node:test';
import assert from 'node:assert/strict';
import { convertibleEnd, GIB, MIB, usableRange } from './geometry.ts';
import { gptArraySectors, gptUsableLbas, mbrAddressableBytes } from './table-limits.ts';

test('GPT keeps its backup array and header at the end; MBR uses the disk to its last MiB', () => {
  assert.deepEqual(usableRange({ sizeBytes: 64 * GIB, sectorSize: 512 }, 'GPT'), { start: MIB, end: 64 * GIB - MIB });
  assert.deepEqual(usableRange({ sizeBytes: 64 * GIB, sectorSize: 512 }, 'MBR'), { start: MIB, end: 64 * GIB });
  // 64 GB decimal: 0.15625 MiB past the grid, more than the 33 sectors GPT keeps, so GPT loses no MiB there.
  assert.equal(usableRange({ sizeBytes: 64e9, sectorSize: 512 }, 'GPT').end, 61035 * MIB);
  assert.equal(usableRange({ sizeBytes: 64e9, sectorSize: 512 }, 'MBR').end, 61035 * MIB);
});

test('MBR addresses 2^32 sectors: 2 TiB with 512-byte sectors, 16 TiB with 4096-byte sectors', () => {
  assert.equal(usableRange({ sizeBytes: 3 * 1024 * GIB, sectorSize: 512 }, 'MBR').end, 2 * 1024 * GIB);
  assert.equal(mbrAddressableBytes(4096), 16 * 1024 * GIB);
});

test('the GPT entry array is 32 sectors of 512 bytes or 4 of 4096 bytes', () => {
  assert.equal(gptArraySectors(512), 32);
  assert.equal(gptArraySectors(4096), 4);
  assert.deepEqual(gptUsableLbas(512, 134217728), { first: 34, last: 134217694 });
  assert.deepEqual(gptUsableLbas(4096, 16777216), { first: 6, last: 16777210 });
});

test('the conversion reserve keeps the last MiB free on any style', () => {
  assert.equal(convertibleEnd(64 * GIB), 64 * GIB - MIB);
  assert.equal(convertibleEnd(64e9), 61034 * MIB);
});
