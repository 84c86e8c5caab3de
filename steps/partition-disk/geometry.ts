/**
 * Where partitions may go on a disk (pure): the usable byte range after alignment, shared by the planner and the
 * backends' renderers so that "the rest of the disk" means the same everywhere.
 */
import { PARTITION_ALIGNMENT } from '../../engine/index.ts';
import type { DiskFacts } from '../../engine/index.ts';

export const MIB = PARTITION_ALIGNMENT;
export const GIB = 1024 * MIB;
/** Bytes of the GPT partition entry array (128 entries of 128 bytes). */
const GPT_ENTRY_ARRAY_BYTES = 128 * 128;
/** MBR addresses sectors with 32-bit numbers. */
const MBR_MAX_SECTORS = 2 ** 32;

/** Rounds bytes down to a whole MiB. */
export function alignDown(bytes: number): number {
  return Math.floor(bytes / MIB) * MIB;
}

/**
 * The first and the end (exclusive) byte partitions may use, both multiples of 1 MiB. Partitions start at 1 MiB.
 * MBR: the disk end (at most 2^32 sectors). GPT: the end of the last usable LBA, before the backup entry array and
 * header, so on a disk whose size is a whole MiB the last MiB stays free.
 */
export function usableRange(disk: Pick<DiskFacts, 'sizeBytes' | 'sectorSize'>, style: 'MBR' | 'GPT'): { start: number; end: number } {
  const sectors = Math.floor(disk.sizeBytes / disk.sectorSize);
  if (style === 'MBR') return { start: MIB, end: alignDown(Math.min(sectors, MBR_MAX_SECTORS) * disk.sectorSize) };
  const backupSectors = 1 + Math.ceil(GPT_ENTRY_ARRAY_BYTES / disk.sectorSize);
  return { start: MIB, end: alignDown((sectors - backupSectors) * disk.sectorSize) };
}
