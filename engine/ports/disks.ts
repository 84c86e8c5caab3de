/**
 * Disks as the engine sees them, and the port that writes a partition layout. Sizes and offsets are bytes
 * (a 2 TB disk is far below 2^53). Backends render a layout: the simulated machine writes real MBR/GPT bytes into a
 * sparse image, Windows runs diskpart, Linux sfdisk and mkfs.
 */

export type PartitionStyle = 'MBR' | 'GPT' | 'RAW';
export type DiskBus = 'NVMe' | 'SATA' | 'SCSI' | 'USB' | 'Virtual';
export type FileSystemKind = 'NTFS' | 'FAT32' | 'RAW';
/** What a partition is for; backends map it to an MBR type id or a GPT type GUID (see engine/disks). */
export type PartitionRole = 'Primary' | 'Extended' | 'Logical' | 'Hidden' | 'EFI' | 'MSR' | 'Recovery';

export interface VolumeFacts {
  /** `C:`; absent when the volume has no drive letter. */
  letter?: string;
  fileSystem: FileSystemKind;
  label: string;
  sizeBytes: number;
  usedBytes: number;
}

export interface PartitionFacts {
  /** 1-based, as Windows numbers partitions. */
  number: number;
  role: PartitionRole;
  offsetBytes: number;
  sizeBytes: number;
  /** MBR active (boot) flag. */
  active: boolean;
  volume?: VolumeFacts;
}

export interface DiskFacts {
  index: number;
  sizeBytes: number;
  sectorSize: 512 | 4096;
  bus: DiskBus;
  removable: boolean;
  model: string;
  serialNumber: string;
  style: PartitionStyle;
  partitions: PartitionFacts[];
}

/** One partition of a layout, fully computed: aligned offset, size, what to format and which letter variable. */
export interface PlannedPartition {
  number: number;
  role: PartitionRole;
  offsetBytes: number;
  sizeBytes: number;
  /** MBR: mark active (bootable). */
  active: boolean;
  /** Absent: the partition is not formatted. */
  fileSystem?: 'NTFS' | 'FAT32';
  label?: string;
  quickFormat: boolean;
  /** Give the volume the next free drive letter. */
  assignLetter: boolean;
  /** Task sequence variable that receives the letter (e.g. `OSDisk`). */
  letterVariable?: string;
}

/** A whole-disk layout: applying it wipes the disk first. */
export interface PartitionLayout {
  diskIndex: number;
  style: 'MBR' | 'GPT';
  partitions: PlannedPartition[];
}

/** What applying a layout produced: the drive letter each partition got. */
export interface AppliedLayout {
  diskIndex: number;
  letters: Array<{ number: number; letter?: string }>;
}

export interface DisksPort {
  /** Every disk with its partitions and volumes, by index. */
  list(): DiskFacts[];
  /**
   * Wipes the disk and writes the layout: partition table, file systems, drive letters.
   * A promise because a live backend runs partitioning and formatting tools; the disk is unchanged when it rejects
   * before the first tool ran.
   * @throws TaskseqError('unsupported') naming the disk and partition when the hardware or a file system would refuse.
   */
  apply(layout: PartitionLayout): Promise<AppliedLayout>;
}
