/** Shapes of the simulated disks' partition tables (re-exported by partition-table.ts). Sizes and offsets are bytes. */
import type { PartitionPlacement, SectorSize } from '../../../engine/index.ts';

export interface DiskGeometry {
  sizeBytes: number;
  sectorSize: SectorSize;
  /** Stable seed for the MBR disk signature and GPT GUIDs (and named in refusals). */
  id: string;
}

/**
 * One partition to write: the engine's placement (MBR: 1-4 primaries/extended, 5+ logical in disk order; GPT: 1-128).
 * Offset and size must be multiples of the sector size (callers use the 1 MiB grid); `fileSystem` chooses the MBR
 * type id (GPT types depend on the role only); `active` is ignored on GPT and `name` on MBR.
 */
export type TableEntry = PartitionPlacement;

/** One partition as found on disk. */
export interface ReadEntry {
  number: number;
  offsetBytes: number;
  sizeBytes: number;
  active: boolean;
  mbrType?: number;
  /** Upper case, as `gptTypeOf` returns it. */
  gptType?: string;
  gptAttributes?: bigint;
  name?: string;
}

export interface ReadTable {
  style: 'MBR' | 'GPT' | 'RAW';
  /** MBR disk signature. */
  signature?: number;
  /** GPT disk GUID (upper case). */
  diskGuid?: string;
  /** Sorted by number. */
  entries: ReadEntry[];
}
