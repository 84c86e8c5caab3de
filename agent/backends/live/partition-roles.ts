/**
 * The way back from an on-disk partition type to the engine's role: the inverse of engine/disks' `gptTypeOf`,
 * `gptAttributesOf` and `mbrTypeOf`, over the same constants, plus the older MBR ids other tools write.
 */
import { GPT_ATTRIBUTE, GPT_TYPE, MBR_TYPE, type PartitionRole } from '../../../engine/index.ts';

const GPT_ROLES: ReadonlyMap<string, PartitionRole> = new Map([
  [GPT_TYPE.efiSystem, 'EFI'], [GPT_TYPE.microsoftReserved, 'MSR'], [GPT_TYPE.recovery, 'Recovery'],
  [GPT_TYPE.basicData, 'Primary'],
]);

/** The extended ids: the LBA one Windows writes, the CHS one (0x05) and the one Linux tools write (0x85). */
const MBR_EXTENDED: ReadonlySet<number> = new Set([MBR_TYPE.extendedLba, 0x05, 0x85]);

const MBR_ROLES: ReadonlyMap<number, PartitionRole> = new Map([
  [MBR_TYPE.recovery, 'Recovery'], [MBR_TYPE.efiSystem, 'EFI'],
  [MBR_TYPE.hiddenNtfs, 'Hidden'], [MBR_TYPE.hiddenFat32Lba, 'Hidden'],
  // Hidden FAT12, FAT16 (small and large) and FAT32 CHS.
  [0x11, 'Hidden'], [0x14, 'Hidden'], [0x16, 'Hidden'], [0x1b, 'Hidden'],
]);

/** The attribute mask sfdisk's text stands for (`RequiredPartition GUID:62,63` -> bits 0, 62 and 63). */
function attributeMask(attributes: string): bigint {
  let mask = /\bRequiredPartition\b/.test(attributes) ? GPT_ATTRIBUTE.platformRequired : 0n;
  for (const [, list] of attributes.matchAll(/GUID:([\d,]+)/g)) {
    for (const bit of list!.split(',').filter(Boolean)) mask |= 1n << BigInt(bit);
  }
  return mask;
}

/**
 * A GPT partition's role. Basic data with the hidden bit (62) is `Hidden`; a type Windows does not write (a Linux
 * file system, swap, ...) reads as `Primary`, as the engine has no role for it.
 */
export function gptRoleOf(typeGuid: string, attributes: string): PartitionRole {
  const role = GPT_ROLES.get(typeGuid.toUpperCase()) ?? 'Primary';
  return role === 'Primary' && (attributeMask(attributes) & GPT_ATTRIBUTE.hidden) !== 0n ? 'Hidden' : role;
}

/**
 * An MBR partition's role: an extended id is `Extended`; any partition numbered 5 or more is `Logical` (sfdisk and
 * Windows number the partitions inside the extended one from 5); then recovery (0x27), EFI (0xef) and the hidden
 * FAT/NTFS ids; every other id (0x07, 0x0c, ... and ids Windows does not write) is `Primary`.
 */
export function mbrRoleOf(typeId: number, partitionNumber: number): PartitionRole {
  if (MBR_EXTENDED.has(typeId)) return 'Extended';
  if (partitionNumber >= 5) return 'Logical';
  return MBR_ROLES.get(typeId) ?? 'Primary';
}
