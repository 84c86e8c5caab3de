/**
 * Where partitions may go on a disk (pure): the 1 MiB grid Windows plans on and the usable byte range for each
 * partition style, so that "the rest of the disk" means the same to the planner, the simulated machine and the
 * renderers.
 */
import type { DiskFacts } from '../ports/disks.ts';
import { gptUsableLbas, mbrAddressableBytes } from './table-limits.ts';

/** Bytes in a MiB (diskpart's MB) and a GiB (its GB). */
export const MIB = 1024 * 1024;
export const GIB = 1024 * MIB;

/** Alignment Windows uses for partition starts and sizes (1 MiB). */
export const PARTITION_ALIGNMENT = MIB;
/** The gap left before each logical partition for its EBR (one grid step). */
export const EBR_GAP_BYTES = PARTITION_ALIGNMENT;
/**
 * The end of the disk a machine profile and MBR2GPT keep free whatever the partition style: room for the backup GPT
 * when an MBR disk is converted in place.
 */
export const CONVERSION_RESERVE_BYTES = MIB;

/** Logical sector sizes a disk can have. */
export type SectorSize = DiskFacts['sectorSize'];
/** Every {@link SectorSize}, for schemas. */
export const SECTOR_SIZES: readonly SectorSize[] = [512, 4096];
/** What a disk that does not say has (machine profiles). */
export const DEFAULT_SECTOR_SIZE: SectorSize = 512;

/** The disk facts geometry needs. */
export type DiskSize = Pick<DiskFacts, 'sizeBytes' | 'sectorSize'>;

/** Rounds bytes down to the partition grid. */
export function alignDown(bytes: number): number {
  return Math.floor(bytes / PARTITION_ALIGNMENT) * PARTITION_ALIGNMENT;
}

/** Rounds bytes up to the partition grid. */
export function alignUp(bytes: number): number {
  return Math.ceil(bytes / PARTITION_ALIGNMENT) * PARTITION_ALIGNMENT;
}

/**
 * The first and the end (exclusive) byte partitions may use, both on the grid. Partitions start at 1 MiB.
 * MBR: the disk end (at most 2^32 sectors). GPT: the end of the last usable LBA, before the backup entry array and
 * header, so on a disk whose size is a whole MiB the last MiB stays free.
 */
export function usableRange(disk: DiskSize, style: 'MBR' | 'GPT'): { start: number; end: number } {
  const sectors = Math.floor(disk.sizeBytes / disk.sectorSize);
  if (style === 'MBR') return { start: MIB, end: alignDown(Math.min(sectors * disk.sectorSize, mbrAddressableBytes(disk.sectorSize))) };
  return { start: MIB, end: alignDown((gptUsableLbas(disk.sectorSize, sectors).last + 1) * disk.sectorSize) };
}

/** The end (exclusive, on the grid) of the space that leaves {@link CONVERSION_RESERVE_BYTES} free at the disk's end. */
export function convertibleEnd(sizeBytes: number): number {
  return alignDown(sizeBytes - CONVERSION_RESERVE_BYTES);
}
