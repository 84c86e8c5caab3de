/** Disks and option sets shared by the Format and Partition Disk tests (written for these tests). */
import type { DiskFacts } from '../../engine/step-api.ts';

export const MiB = 1024 * 1024;
export const GiB = 1024 * MiB;

/** A disk without partitions; 128 GiB, 512-byte sectors, NVMe unless told. */
export function disk(over: Partial<DiskFacts> = {}): DiskFacts {
  return { index: 0, sizeBytes: 128 * GiB, sectorSize: 512, bus: 'NVMe', removable: false, model: 'Lab NVMe 128', serialNumber: 'D0', style: 'RAW', partitions: [], ...over };
}

type Entry = [type: string, size?: string, units?: string, fs?: string, extra?: Record<string, string>];

/** Options by property from a compact entry list: `['EFI', '499', 'MB', 'FAT32', { VolumeName: 'Boot' }]`. */
export function optionSet(style: string, entries: Entry[], extra: Record<string, string> = {}): Record<string, string> {
  const o: Record<string, string> = { DiskIndex: '0', PartitionStyle: style, Partitions: String(entries.length), ...extra };
  entries.forEach(([type, size, units, fs, more], n) => {
    o[`Partitions${n}Type`] = type;
    if (size !== undefined) o[`Partitions${n}Size`] = size;
    if (units !== undefined) o[`Partitions${n}SizeUnits`] = units;
    if (fs !== undefined) o[`Partitions${n}FileSystem`] = fs;
    for (const [k, v] of Object.entries(more ?? {})) o[`Partitions${n}${k}`] = v;
  });
  return o;
}

/** The MDT BIOS template: 499 MB System Reserved (bootable), 99 % Windows (OSDisk), 100 % Recovery. */
export const MDT_BIOS = optionSet('MBR', [
  ['Primary', '499', 'MB', 'NTFS', { Bootable: 'True', QuickFormat: 'True', VolumeName: 'System Reserved', VolumeLetterVariable: '' }],
  ['Primary', '99', '%', 'NTFS', { Bootable: 'False', VolumeName: 'Windows', VolumeLetterVariable: 'OSDisk' }],
  ['Recovery', '100', '%', 'NTFS', { Bootable: 'False', VolumeName: 'Recovery' }],
]);

/** The MDT UEFI template: 499 MB FAT32 EFI, 128 MB MSR (NTFS written, ignored), 99 % Windows, 100 % Recovery. */
export const MDT_UEFI = optionSet('GPT', [
  ['EFI', '499', 'MB', 'FAT32', { Bootable: 'True', VolumeName: 'Boot' }],
  ['MSR', '128', 'MB', 'NTFS', { Bootable: 'False' }],
  ['Primary', '99', '%', 'NTFS', { VolumeName: 'Windows', VolumeLetterVariable: 'OSDisk' }],
  ['Recovery', '100', '%', 'NTFS', { VolumeName: 'Recovery' }],
]);

/** Recovery first, as ConfigMgr's editor writes it: 1 GB RECOVERY, 512 MB EFI, 128 MB MSR, 100 PERCENT OSDisk. */
export const RECOVERY_FIRST = optionSet('GPT', [
  ['RECOVERY', '1', 'GB', 'NTFS', { AssignVolumeLetter: 'false', VolumeName: 'Windows RE Tools' }],
  ['EFI', '512', 'MB', 'FAT32', { AssignVolumeLetter: 'false', VolumeName: 'EFI' }],
  ['MSR', '128', 'MB', undefined, { AssignVolumeLetter: 'false' }],
  ['PRIMARY', '100', 'PERCENT', 'NTFS', { VolumeName: 'OSDisk', VolumeLetterVariable: 'OSDisk' }],
], { GPTBootDisk: 'true', DiskType: 'BASIC', DiskpartBiosCompatibilityMode: 'false' });
