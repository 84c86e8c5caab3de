/**
 * How a partition's role becomes an on-disk type: MBR type ids and GPT type GUIDs as Windows writes them. Shared by
 * every backend so that the simulated tables, diskpart scripts and sfdisk scripts agree.
 */
import type { PartitionRole } from '../ports/disks.ts';

/** GPT partition type GUIDs (upper case, as sgdisk prints them). */
export const GPT_TYPE = {
  efiSystem: 'C12A7328-F81F-11D2-BA4B-00A0C93EC93B',
  microsoftReserved: 'E3C9E316-0B5C-4DB8-817D-F92DF00215AE',
  basicData: 'EBD0A0A2-B9E5-4433-87C0-68B6B72699C7',
  recovery: 'DE94BBA4-06D1-4D40-A16A-BFD50179D6AC',
} as const;

/** GPT attribute bits Windows sets: platform required (bit 0) and, for basic data, no drive letter (bit 63). */
export const GPT_ATTRIBUTE = {
  platformRequired: 1n,
  hidden: 1n << 62n,
  noDriveLetter: 1n << 63n,
} as const;

/** MBR partition type ids. */
export const MBR_TYPE = {
  ntfs: 0x07,
  fat32Lba: 0x0c,
  hiddenNtfs: 0x17,
  hiddenFat32Lba: 0x1c,
  recovery: 0x27,
  extendedLba: 0x0f,
  efiSystem: 0xef,
} as const;

/** The GPT type GUID for a role. */
export function gptTypeOf(role: PartitionRole): string {
  switch (role) {
    case 'EFI': return GPT_TYPE.efiSystem;
    case 'MSR': return GPT_TYPE.microsoftReserved;
    case 'Recovery': return GPT_TYPE.recovery;
    default: return GPT_TYPE.basicData;
  }
}

/** The GPT attributes for a role: a recovery partition is platform-required and gets no drive letter. */
export function gptAttributesOf(role: PartitionRole): bigint {
  if (role === 'Recovery') return GPT_ATTRIBUTE.platformRequired | GPT_ATTRIBUTE.noDriveLetter;
  if (role === 'Hidden') return GPT_ATTRIBUTE.hidden;
  return 0n;
}

/** The MBR type id for a role and file system (unformatted partitions get the NTFS id, as diskpart does). */
export function mbrTypeOf(role: PartitionRole, fileSystem?: 'NTFS' | 'FAT32' | 'RAW'): number {
  switch (role) {
    case 'Extended': return MBR_TYPE.extendedLba;
    case 'Recovery': return MBR_TYPE.recovery;
    case 'EFI': return MBR_TYPE.efiSystem;
    case 'Hidden': return fileSystem === 'FAT32' ? MBR_TYPE.hiddenFat32Lba : MBR_TYPE.hiddenNtfs;
    default: return fileSystem === 'FAT32' ? MBR_TYPE.fat32Lba : MBR_TYPE.ntfs;
  }
}

/** The GPT partition name Windows writes for a role (diskpart's defaults). */
export function gptNameOf(role: PartitionRole): string {
  if (role === 'EFI') return 'EFI system partition';
  if (role === 'MSR') return 'Microsoft reserved partition';
  return 'Basic data partition';
}
