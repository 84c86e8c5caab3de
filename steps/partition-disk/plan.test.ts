import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePartitionDiskOptions } from './parse-options.ts';
import { planLayout, selectDisk } from './plan.ts';
import { disk, GiB, MDT_BIOS, MDT_UEFI, MiB, optionSet, RECOVERY_FIRST } from './test-fixtures.ts';
import type { DiskFacts } from '../../engine/step-api.ts';

function plan(options: Record<string, string>, target: DiskFacts = disk()) {
  const parsed = parsePartitionDiskOptions((p) => options[p], Object.keys(options));
  assert.deepEqual(parsed.problems.filter((p) => p.severity === 'error'), []);
  return planLayout(parsed.options, target);
}

/** [number, role, offset MiB, size MiB, fs?, active?] per partition. */
function shape(options: Record<string, string>, target?: DiskFacts) {
  const r = plan(options, target);
  if ('error' in r) assert.fail(r.error);
  return r.layout.partitions.map((p) => [p.number, p.role, p.offsetBytes / MiB, p.sizeBytes / MiB, p.fileSystem ?? '-', p.active]);
}

function refusal(options: Record<string, string>, target?: DiskFacts) {
  const r = plan(options, target);
  assert.ok('error' in r, 'expected a refusal');
  return r;
}

test('MDT BIOS template on 128 GiB: 99 % of what remains, then the rest', () => {
  assert.deepEqual(shape(MDT_BIOS), [
    [1, 'Primary', 1, 499, 'NTFS', true],
    [2, 'Primary', 500, 129266, 'NTFS', false],
    [3, 'Recovery', 129766, 1306, 'NTFS', false],
  ]);
  const r = plan(MDT_BIOS);
  assert.ok(!('error' in r));
  assert.equal(r.layout.partitions[1].letterVariable, 'OSDisk');
  assert.equal(r.layout.partitions[0].label, 'System Reserved');
});

test('MDT UEFI template: MSR unformatted (file system ignored with a note), last MiB before the backup GPT free', () => {
  assert.deepEqual(shape(MDT_UEFI), [
    [1, 'EFI', 1, 499, 'FAT32', false],
    [2, 'MSR', 500, 128, '-', false],
    [3, 'Primary', 628, 129138, 'NTFS', false],
    [4, 'Recovery', 129766, 1305, 'NTFS', false],
  ]);
  const r = plan(MDT_UEFI);
  assert.ok(!('error' in r));
  assert.ok(r.explain.includes('partition 2: MSR partitions are never formatted; FileSystem NTFS ignored'));
  assert.ok(r.explain.includes('partition 1: Bootable ignored on GPT (UEFI boots from the EFI partition)'));
  assert.equal(r.layout.partitions[1].assignLetter, false);
  assert.equal(r.explain[2], 'partition 3 Primary: at 628 MiB, 129138 MiB, NTFS "Windows" (quick), letter -> OSDisk');
});

test('recovery-first GPT layout (GB and PERCENT units, upper-case types)', () => {
  assert.deepEqual(shape(RECOVERY_FIRST), [
    [1, 'Recovery', 1, 1024, 'NTFS', false],
    [2, 'EFI', 1025, 512, 'FAT32', false],
    [3, 'MSR', 1537, 128, '-', false],
    [4, 'Primary', 1665, 131071 - 1665, 'NTFS', false],
  ]);
  const r = plan(RECOVERY_FIRST);
  assert.ok(!('error' in r));
  assert.equal(r.layout.partitions[0].assignLetter, false);
});

test('extended with logical partitions: 1 MiB before each logical for its EBR, logicals numbered from 5', () => {
  const o = optionSet('MBR', [
    ['Primary', '500', 'MB', 'NTFS', { Bootable: 'true' }],
    ['Extended', '10', 'GB'],
    ['Logical', '4', 'GB', 'NTFS'],
    ['Logical', undefined, undefined, 'FAT32'],
    ['Primary', undefined, undefined, 'NTFS'],
  ]);
  assert.deepEqual(shape(o), [
    [1, 'Primary', 1, 500, 'NTFS', true],
    [2, 'Extended', 501, 10240, '-', false],
    [5, 'Logical', 502, 4096, 'NTFS', false],
    [6, 'Logical', 4599, 6142, 'FAT32', false],
    [3, 'Primary', 10741, 131072 - 10741, 'NTFS', false],
  ]);
});

test('an extended partition without a size takes the rest and holds the logicals', () => {
  const o = optionSet('MBR', [['Primary', '1', 'GB', 'NTFS'], ['Extended'], ['Logical', '50', 'Percent', 'NTFS'], ['Logical', undefined, undefined, 'NTFS']]);
  assert.deepEqual(shape(o), [
    [1, 'Primary', 1, 1024, 'NTFS', false],
    [2, 'Extended', 1025, 130047, '-', false],
    [5, 'Logical', 1026, 65023, 'NTFS', false],
    [6, 'Logical', 66050, 65022, 'NTFS', false],
  ]);
});

test('4096-byte sectors: same MiB grid, backup GPT takes 5 sectors', () => {
  const d = disk({ sectorSize: 4096, sizeBytes: 64 * GiB });
  assert.deepEqual(shape(optionSet('GPT', [['EFI', '100', 'MB', 'FAT32'], ['Primary', undefined, undefined, 'NTFS']]), d), [
    [1, 'EFI', 1, 100, 'FAT32', false],
    [2, 'Primary', 101, 65535 - 101, 'NTFS', false],
  ]);
  assert.deepEqual(shape(optionSet('MBR', [['Primary', undefined, undefined, 'NTFS']]), d), [[1, 'Primary', 1, 65535, 'NTFS', false]]);
});

test('a disk size off the MiB grid is aligned down', () => {
  const d = disk({ sizeBytes: 10 * GiB + 123 * 512 });
  assert.deepEqual(shape(optionSet('MBR', [['Primary', undefined, undefined, 'NTFS']]), d), [[1, 'Primary', 1, 10239, 'NTFS', false]]);
});

test('notes: GPTBootDisk without EFI adds nothing, BIOS compatibility mode ignored, second bootable ignored; EFI NTFS warns', () => {
  const o = optionSet('GPT', [['Primary', undefined, undefined, 'NTFS']], { GPTBootDisk: 'true', DiskpartBiosCompatibilityMode: 'true' });
  const r = plan(o);
  assert.ok(!('error' in r));
  assert.equal(r.layout.partitions.length, 1);
  assert.ok(r.explain.includes('GPTBootDisk is set but no EFI partition is listed; none is added (list an EFI partition to make the disk bootable)'));
  assert.ok(r.explain.includes('DiskpartBiosCompatibilityMode ignored: partitions are always aligned to 1 MiB'));
  const two = plan(optionSet('MBR', [['Primary', '100', 'MB', 'NTFS', { Bootable: 'true' }], ['Primary', undefined, undefined, 'NTFS', { Bootable: 'true' }]]));
  assert.ok(!('error' in two));
  assert.deepEqual(two.layout.partitions.map((p) => p.active), [true, false]);
  const efi = plan(optionSet('GPT', [['EFI', '100', 'MB', 'NTFS'], ['Primary', undefined, undefined, 'NTFS']]));
  assert.ok(!('error' in efi));
  assert.deepEqual(efi.warnings, ['partition 1: the EFI system partition is NTFS; UEFI firmware boots only from FAT32']);
});

const REFUSALS: Array<[string, Record<string, string>, string, number | undefined, DiskFacts?]> = [
  ['five primaries on MBR', optionSet('MBR', [['Primary', '1', 'GB'], ['Primary', '1', 'GB'], ['Primary', '1', 'GB'], ['Primary', '1', 'GB'], ['Primary', '1', 'GB']]),
    'partition 5: an MBR disk holds at most 4 primary and extended partitions; use an extended partition with logical ones (option Partitions4Type)', 5],
  ['EFI on MBR', optionSet('MBR', [['EFI', '100', 'MB', 'FAT32'], ['Primary']]),
    'partition 1: EFI partitions exist only on GPT disks; PartitionStyle is MBR (option Partitions0Type)', 1],
  ['MSR on MBR', optionSet('MBR', [['Primary', '100', 'MB'], ['MSR', '16', 'MB']]),
    'partition 2: MSR partitions exist only on GPT disks; PartitionStyle is MBR (option Partitions1Type)', 2],
  ['logical on GPT', optionSet('GPT', [['Logical', '100', 'MB']]),
    'partition 1: Logical partitions exist only on MBR disks; PartitionStyle is GPT (option Partitions0Type)', 1],
  ['beyond the disk', optionSet('GPT', [['Primary', '100', 'GB'], ['Primary', '40', 'GB']]),
    'partition 2 needs 40960 MiB but only 28670 MiB are left on disk 0 (options Partitions1Size, Partitions1SizeUnits)', 2],
  ['a second rest-of-disk partition', optionSet('GPT', [['Primary', undefined, undefined, 'NTFS'], ['Recovery', undefined, undefined, 'NTFS']]),
    'partition 2: partitions 1 and 2 both take the rest of the disk; give partition 1 a size (option Partitions0Size)', 2],
  ['a partition after 100 %', optionSet('GPT', [['Primary', '100', '%', 'NTFS'], ['Recovery', '500', 'MB', 'NTFS']]),
    'partition 2: partition 1 already takes the rest of the disk, so nothing is left for this one; give partition 1 a size (option Partitions0Size)', 2],
  ['logical without extended', optionSet('MBR', [['Primary', '1', 'GB'], ['Logical', '1', 'GB']]),
    'partition 2: a logical partition needs an extended partition before it (option Partitions1Type)', 2],
  ['logical beyond its extended partition', optionSet('MBR', [['Extended', '1', 'GB'], ['Logical', '1', 'GB']]),
    'partition 2 needs 1024 MiB but only 1023 MiB are left on the extended partition (options Partitions1Size, Partitions1SizeUnits)', 2],
  ['FAT32 over 32 GiB by size', optionSet('GPT', [['Primary', '33', 'GB', 'FAT32']]),
    'partition 1: FAT32 volumes can be at most 32 GiB (32768 MiB) when Windows formats them; 33 GB requested (options Partitions0FileSystem, Partitions0Size)', 1],
  ['FAT32 over 32 GiB by percent', optionSet('GPT', [['Primary', '50', '%', 'FAT32']]),
    'partition 1 would be a 65535 MiB FAT32 volume; Windows formats FAT32 up to 32768 MiB (options Partitions0FileSystem, Partitions0Size)', 1],
  ['a removable disk', optionSet('GPT', [['Primary']]),
    'disk 0 (Stick 32) is removable; Format and Partition Disk does not partition removable disks (option DiskIndex)', undefined, disk({ removable: true, bus: 'USB', model: 'Stick 32' })],
  ['a percentage of nothing', optionSet('MBR', [['Primary', '131071', 'MB'], ['Primary', '50', '%']]),
    'partition 2 gets no space: 0 MiB are left on disk 0 and 50 % of that is under 1 MiB (options Partitions1Size, Partitions1SizeUnits)', 2],
];

for (const [name, options, message, partition, target] of REFUSALS) {
  test(`refuses ${name}`, () => {
    const r = refusal(options, target);
    assert.equal(r.error, message);
    assert.equal(r.partition, partition);
  });
}

test('selectDisk lists the disks when the index does not exist', () => {
  const disks = [disk(), disk({ index: 1, sizeBytes: 32 * GiB, bus: 'USB', removable: true })];
  assert.equal(selectDisk(disks, 1), disks[1]);
  assert.deepEqual(selectDisk(disks, 3), { error: 'disk 3 does not exist (option DiskIndex); disks present: 0 (128 GiB NVMe), 1 (32 GiB USB, removable)' });
});
