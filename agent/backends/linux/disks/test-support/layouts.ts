/** The layouts the Linux disk tests apply: Format and Partition Disk's own plans for a 600 MiB disk. */
import assert from 'node:assert/strict';
import type { DiskFacts, PartitionLayout } from '../../../../../engine/index.ts';
import { parsePartitionDiskOptions, planLayout } from '../../../../../steps/partition-disk/index.ts';
import { disk, MiB, optionSet } from '../../../../../steps/partition-disk/test-fixtures.ts';

export { MiB };

/** The test disk: 600 MiB, 512-byte sectors, no table yet. */
export const DISK_600: DiskFacts = disk({ sizeBytes: 600 * MiB, bus: 'Virtual', model: '', serialNumber: '' });

/**
 * UEFI: EFI 100 MiB FAT32, MSR 16 MiB, Windows 182 MiB NTFS (OSDisk), Recovery NTFS taking the rest (300 MiB: EFI,
 * MSR and a 500 MiB recovery partition would leave no room for Windows on 600 MiB).
 */
export const UEFI = optionSet('GPT', [
  ['EFI', '100', 'MB', 'FAT32', { VolumeName: 'System' }],
  ['MSR', '16', 'MB'],
  ['Primary', '182', 'MB', 'NTFS', { VolumeName: 'Windows', VolumeLetterVariable: 'OSDisk' }],
  ['Recovery', '100', '%', 'NTFS', { VolumeName: 'Recovery' }],
]);

/** BIOS/MBR: an active System Reserved NTFS without a letter, Windows NTFS (OSDisk) taking the rest. */
export const BIOS = optionSet('MBR', [
  ['Primary', '100', 'MB', 'NTFS', { Bootable: 'True', VolumeName: 'System Reserved', AssignVolumeLetter: 'false' }],
  ['Primary', '100', '%', 'NTFS', { VolumeName: 'Windows', VolumeLetterVariable: 'OSDisk' }],
]);

/** The step's plan for these options on `target`. */
export function layoutOf(options: Record<string, string>, target: DiskFacts = DISK_600): PartitionLayout {
  const r = planLayout(parsePartitionDiskOptions((p) => options[p], Object.keys(options)).options, target);
  if ('error' in r) assert.fail(r.error);
  return r.layout;
}
