/**
 * What real disks and Windows refuse in a partition table, checked before anything is written so that a refused
 * layout leaves the image untouched. The rules are engine/disks' layout check; this names the disk and throws.
 */
import { checkPartitionLayout, TaskseqError } from '../../../engine/index.ts';
import type { DiskGeometry, TableEntry } from './partition-table-types.ts';

/**
 * Checks a table against what the hardware and Windows accept (volume limits are the formatter's business, not the
 * table's).
 * @throws TaskseqError('unsupported') naming the disk id and the partition number of the first problem
 */
export function checkPartitionTable(disk: DiskGeometry, style: 'MBR' | 'GPT', entries: readonly TableEntry[]): void {
  const problem = checkPartitionLayout(disk, style, entries).find((p) => p.kind === 'table');
  if (problem) throw new TaskseqError('unsupported', `disk '${disk.id}': partition ${problem.number}: ${problem.reason}`);
}
