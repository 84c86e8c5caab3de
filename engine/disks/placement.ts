/**
 * The one shape of a partition below the plan: the fields of a planned partition that a partition table and the
 * layout check need. A `PlannedPartition` is one; the simulated machine's saved partitions and table entries extend it.
 */
import type { FileSystemKind, PlannedPartition } from '../ports/disks.ts';

/** Number, role, place and boot flag of a partition; `fileSystem` chooses the MBR type id and the volume limits. */
export type PartitionPlacement = Pick<PlannedPartition, 'number' | 'role' | 'offsetBytes' | 'sizeBytes' | 'active'> & {
  /** Absent or RAW: not formatted. */
  fileSystem?: FileSystemKind;
  /** GPT partition name (UTF-16LE, at most 36 code units; ignored on MBR). */
  name?: string;
};

/** The byte after the partition's last byte. */
export function partitionEnd(p: Pick<PartitionPlacement, 'offsetBytes' | 'sizeBytes'>): number {
  return p.offsetBytes + p.sizeBytes;
}
