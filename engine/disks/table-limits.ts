/**
 * What the MBR and GPT formats can hold (pure numbers): how far an MBR addresses, how many partitions each table
 * has room for, and the size of the GPT entry array that both ends of a GPT disk reserve.
 */

/** MBR entries address sectors with 32-bit numbers: 2 TiB with 512-byte sectors, 16 TiB with 4096-byte sectors. */
export const MBR_MAX_SECTORS = 2 ** 32;
/** Slots in the MBR itself, for primary and extended partitions (numbered 1 to 4). */
export const MBR_MAX_PRIMARIES = 4;
/** Logical partitions are numbered from 5, in disk order. */
export const MBR_FIRST_LOGICAL = 5;

/** Entries in the GPT entry array, so the highest GPT partition number. */
export const GPT_ENTRY_COUNT = 128;
/** Bytes of one GPT entry. */
export const GPT_ENTRY_SIZE = 128;
/** UTF-16 code units in a GPT entry's name field. */
export const GPT_NAME_LENGTH = 36;

/** Bytes an MBR can address on a disk with this sector size. */
export function mbrAddressableBytes(sectorSize: number): number {
  return MBR_MAX_SECTORS * sectorSize;
}

/** Sectors of one copy of the GPT entry array (32 with 512-byte sectors, 4 with 4096-byte sectors). */
export function gptArraySectors(sectorSize: number): number {
  return Math.ceil((GPT_ENTRY_COUNT * GPT_ENTRY_SIZE) / sectorSize);
}

/**
 * The first and last LBA (inclusive) a GPT lets partitions use: after the protective MBR, the primary header and
 * its entry array; before the backup entry array and the backup header in the last sector.
 */
export function gptUsableLbas(sectorSize: number, totalSectors: number): { first: number; last: number } {
  const arraySectors = gptArraySectors(sectorSize);
  return { first: 2 + arraySectors, last: totalSectors - 2 - arraySectors };
}
