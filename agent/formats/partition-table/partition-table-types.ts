/** Shapes of the simulated disks' partition tables (re-exported by partition-table.ts). Sizes and offsets are bytes. */
import type { PartitionRole } from '../../../engine/index.ts';

export interface DiskGeometry {
  sizeBytes: number;
  sectorSize: 512 | 4096;
  /** Stable seed for the MBR disk signature and GPT GUIDs (and named in refusals). */
  id: string;
}

/** One partition to write. */
export interface TableEntry {
  /** 1-based Windows partition number (MBR: 1-4 primaries/extended, 5+ logical in disk order; GPT: 1-128). */
  number: number;
  role: PartitionRole;
  /** Must be a multiple of the sector size (callers use 1 MiB alignment). */
  offsetBytes: number;
  /** Must be a multiple of the sector size. */
  sizeBytes: number;
  /** Chooses the MBR type id (GPT types depend on the role only). */
  fileSystem?: 'NTFS' | 'FAT32' | 'RAW';
  /** MBR boot flag (ignored on GPT). */
  active: boolean;
  /** GPT partition name (UTF-16LE, 36 code units max; ignored on MBR). */
  name?: string;
}

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
