import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { DiskFacts, PartitionLayout } from '../../../engine/index.ts';
import { parsePartitionDiskOptions, planLayout } from '../../../steps/partition-disk/index.ts';
import { disk, MDT_BIOS, MDT_UEFI, optionSet, RECOVERY_FIRST } from '../../../steps/partition-disk/test-fixtures.ts';
import { parseListDisk, parseListVolume } from './diskpart-output.ts';
import { renderDiskpartScript } from './diskpart-script.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const GB = 2 ** 30;

function layoutOf(options: Record<string, string>, target: DiskFacts): PartitionLayout {
  const r = planLayout(parsePartitionDiskOptions((p) => options[p], Object.keys(options)).options, target);
  if ('error' in r) assert.fail(r.error);
  return r.layout;
}

const EXTENDED = optionSet('MBR', [['Primary', '500', 'MB', 'NTFS', { Bootable: 'true' }], ['Extended', '10', 'GB'], ['Logical', '4', 'GB', 'NTFS'], ['Logical', undefined, undefined, 'FAT32'], ['Primary', undefined, undefined, 'NTFS']]);
const CASES: Array<[string, Record<string, string>, DiskFacts, Map<number, string>?]> = [
  ['mdt-uefi', MDT_UEFI, disk(), new Map([[3, 'C:']])],
  ['mdt-bios', MDT_BIOS, disk()],
  ['recovery-first-4k', RECOVERY_FIRST, disk({ sectorSize: 4096 })],
  ['extended', EXTENDED, disk()],
];

for (const [name, options, target, letters] of CASES) {
  test(`diskpart script golden: ${name}`, () => {
    const script = renderDiskpartScript(layoutOf(options, target), target, letters ? { letters } : {});
    assert.equal(script, fixture(`${name}.diskpart.txt`));
    assert.ok(script.split('\r\n').every((l) => !l.includes('\n')), 'lines end in CRLF');
  });
}

test('a layout the disk cannot hold or a FAT32 volume Windows will not format is refused (engine layout check)', () => {
  const uefi = layoutOf(MDT_UEFI, disk());
  const basicOnMbr = { ...uefi, style: 'MBR' as const, partitions: uefi.partitions.filter((p) => p.role !== 'EFI' && p.role !== 'MSR') };
  assert.doesNotThrow(() => renderDiskpartScript(basicOnMbr, disk()));
  const bigFat = { ...uefi, partitions: uefi.partitions.map((p) => (p.number === 3 ? { ...p, fileSystem: 'FAT32' as const } : p)) };
  assert.throws(() => renderDiskpartScript(bigFat, disk()), /disk 0 partition 3: Windows does not format FAT32 volumes larger than 32 GB/);
  assert.throws(() => renderDiskpartScript({ ...uefi, style: 'MBR' }, disk()), /disk 0 partition 1: an MBR disk cannot hold an EFI partition/);
});

test('a label with a double quote is refused, naming disk and partition', () => {
  const layout = layoutOf(optionSet('GPT', [['Primary', undefined, undefined, 'NTFS', { VolumeName: 'My "OS"' }]]), disk());
  assert.throws(() => renderDiskpartScript(layout, disk()), /disk 0 partition 1: the volume label My "OS" contains a double quote/);
});

test('list disk: sizes, free space, dynamic and GPT flags, status with spaces', () => {
  assert.deepEqual(parseListDisk(fixture('list-disk.txt')), [
    { index: 0, status: 'Online', sizeBytes: 476 * GB, freeBytes: 0, dynamic: false, gpt: true },
    { index: 1, status: 'Online', sizeBytes: 14 * GB, freeBytes: 1024 * 1024, dynamic: false, gpt: false },
    { index: 2, status: 'No Media', sizeBytes: 0, freeBytes: 0, dynamic: false, gpt: false },
    { index: 3, status: 'Online', sizeBytes: 1863 * GB, freeBytes: 931 * GB, dynamic: true, gpt: false },
  ]);
});

test('list volume: letters as C:, empty letter absent, cut labels kept', () => {
  const volumes = parseListVolume(fixture('list-volume.txt'));
  assert.equal(volumes.length, 5);
  assert.deepEqual(volumes[1], { index: 1, letter: 'C:', label: 'Windows', fileSystem: 'NTFS', type: 'Partition', sizeBytes: 475 * GB, status: 'Healthy', info: 'Boot' });
  assert.deepEqual(volumes[2], { index: 2, label: 'System Rese', fileSystem: 'NTFS', type: 'Partition', sizeBytes: 499 * 2 ** 20, status: 'Healthy', info: 'System' });
  assert.equal(volumes[4].letter, 'E:');
  assert.equal(volumes[4].label, '');
});

test('malformed output names the line', () => {
  assert.throws(() => parseListDisk('nothing here'), /diskpart list disk output has no "Disk ###" header/);
  const bad = fixture('list-disk.txt').replace('  Disk 1    Online           14 GB', '  Disk 1    Online           14 XB');
  assert.throws(() => parseListDisk(bad), /diskpart list disk output, line 7 \("Disk 1 {4}Online {11}14 XB  1024 KB"\): "14 XB" is not a size like 476 GB/);
  const noName = fixture('list-volume.txt').replace('  Volume 3 ', '  Vol    3 ');
  assert.throws(() => parseListVolume(noName), /list volume output, line 9 .*expected "Volume <number>"/);
});
