import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GIB, MIB } from './geometry.ts';
import { checkPartitionLayout, refuseLayoutProblems } from './layout-check.ts';
import type { PartitionPlacement } from './placement.ts';

const disk = { sizeBytes: 64 * GIB, sectorSize: 512 as const };
const part = (number: number, role: PartitionPlacement['role'], offsetBytes: number, sizeBytes: number, fileSystem?: 'NTFS' | 'FAT32'): PartitionPlacement =>
  ({ number, role, offsetBytes, sizeBytes, active: false, ...(fileSystem ? { fileSystem } : {}) });

test('a layout the planner makes has no problems', () => {
  const uefi = [part(1, 'EFI', MIB, 100 * MIB, 'FAT32'), part(2, 'MSR', 101 * MIB, 16 * MIB), part(3, 'Primary', 117 * MIB, 60 * GIB, 'NTFS')];
  assert.deepEqual(checkPartitionLayout(disk, 'GPT', uefi), []);
  const logicals = [part(1, 'Extended', MIB, 10 * GIB), part(5, 'Logical', 2 * MIB, GIB), part(6, 'Logical', GIB + 3 * MIB, GIB)];
  assert.deepEqual(checkPartitionLayout(disk, 'MBR', logicals), []);
});

test('every problem is listed, table problems in writer order, then volumes Windows will not format', () => {
  const layout = [part(1, 'EFI', MIB, 33 * GIB, 'FAT32'), part(2, 'Primary', GIB, GIB, 'NTFS')];
  assert.deepEqual(checkPartitionLayout(disk, 'MBR', layout), [
    { kind: 'table', number: 1, reason: 'an MBR disk cannot hold an EFI partition' },
    { kind: 'table', number: 2, reason: 'overlaps partition 1' },
    { kind: 'format', number: 1, reason: 'Windows does not format FAT32 volumes larger than 32 GB' },
  ]);
});

test('GPT: the usable LBAs and the 128 entries bound the partitions', () => {
  const problems = checkPartitionLayout(disk, 'GPT', [part(129, 'Primary', 4096, 64 * GIB)]).map((p) => p.reason);
  assert.deepEqual(problems, [
    'a GPT holds at most 128 partitions',
    'starts before the first usable LBA 34 (17408 bytes)',
    'ends beyond the last usable LBA 134217694 (68719459840 bytes)',
  ]);
});

test('a logical partition without an extended one is one problem, not one per logical', () => {
  const problems = checkPartitionLayout(disk, 'MBR', [part(5, 'Logical', 2 * MIB, GIB), part(6, 'Logical', 2 * GIB, GIB)]);
  assert.deepEqual(problems, [{ kind: 'table', number: 5, reason: 'a logical partition needs an extended partition' }]);
});

test('a refusal names the disk index and the partition of the first problem of the kinds asked for', () => {
  const layout = { diskIndex: 2, style: 'GPT' as const, partitions: [part(1, 'Primary', MIB, 40 * GIB, 'FAT32'), part(2, 'Primary', MIB, GIB, 'NTFS')] };
  assert.throws(() => refuseLayoutProblems(disk, layout, ['format']), /^TaskseqError: disk 2 partition 1: Windows does not format FAT32 volumes larger than 32 GB$/);
  assert.throws(() => refuseLayoutProblems(disk, layout, ['table']), /^TaskseqError: disk 2 partition 2: overlaps partition 1$/);
  assert.doesNotThrow(() => refuseLayoutProblems(disk, { ...layout, partitions: layout.partitions.slice(0, 1) }, ['table']));
});
