/**
 * A block device of the Linux machine as the live backend sees it (read from `lsblk --json --bytes`, `sfdisk --json`
 * and `losetup --json`). Both the probe, which turns it into the engine's `DiskFacts`, and the safety checks, which
 * decide whether a run may touch it, read this one shape.
 */

/** A partition of a block device. */
export interface BlockPartition {
  /** Kernel device node when the kernel made one (`/dev/sda1`); absent inside containers without partition scanning. */
  path?: string;
  /** 1-based partition number in the table. */
  number: number;
  startBytes: number;
  sizeBytes: number;
  /** GPT type GUID (upper case) or MBR type id (`0x07`). */
  typeId: string;
  /** GPT attribute names/bits as sfdisk prints them (`RequiredPartition GUID:63`); empty for MBR. */
  attributes: string;
  /** MBR active flag. */
  bootable: boolean;
  /** `vfat`, `ntfs`, ... as blkid names them; absent when unformatted or unreadable. */
  fsType?: string;
  label?: string;
  /** Where this partition is mounted now (empty when it is not). */
  mountpoints: string[];
}

/** A whole disk (or a loop device standing for one). */
export interface BlockDevice {
  /** `/dev/sda`, `/dev/nvme0n1`, `/dev/loop3`. */
  path: string;
  /** `disk` for hardware, `loop` for a loop device. */
  kind: 'disk' | 'loop';
  sizeBytes: number;
  logicalSectorSize: number;
  removable: boolean;
  readOnly: boolean;
  /** `usb`, `nvme`, `sata`, ... as lsblk reports the transport; absent when unknown. */
  transport?: string;
  model: string;
  serial: string;
  /** For a loop device: the file it reads and writes, and where in it the device starts. */
  backing?: { file: string; offsetBytes: number; sizeLimitBytes?: number };
  /** `gpt`, `dos`, or absent for no partition table. */
  tableType?: 'gpt' | 'dos';
  /** Mount points of a file system on the whole device itself (no partition table). */
  mountpoints: string[];
  partitions: BlockPartition[];
}
