/**
 * The one layout check (pure): given a disk's size and sector size, a partition style and placed partitions, every
 * problem real disks and Windows would refuse. `table` problems are what no MBR/GPT can hold; `format` problems are
 * volumes Windows will not format. Callers word a problem for their reader; `reason` is the words the simulated
 * table writer and machine use.
 */
import type { PartitionLayout } from '../ports/disks.ts';
import { TaskseqError } from '../problems.ts';
import type { DiskSize } from './geometry.ts';
import { EBR_GAP_BYTES } from './geometry.ts';
import { exceedsVolumeLimit } from './file-system-limits.ts';
import { partitionEnd as endOf, type PartitionPlacement } from './placement.ts';
import {
  GPT_ENTRY_COUNT, GPT_NAME_LENGTH, gptUsableLbas, MBR_FIRST_LOGICAL, MBR_MAX_PRIMARIES, MBR_MAX_SECTORS,
} from './table-limits.ts';

/** A whole-disk layout as the check needs it: a `PartitionLayout` is one. */
export type PlacedLayout = Pick<PartitionLayout, 'diskIndex' | 'style'> & { partitions: readonly PartitionPlacement[] };

/** One refused partition. */
export interface LayoutProblem {
  kind: 'table' | 'format';
  /** The partition's number. */
  number: number;
  reason: string;
}

type Report = (p: PartitionPlacement, reason: string) => void;

function checkShape(disk: DiskSize, style: 'MBR' | 'GPT', e: PartitionPlacement, seen: Set<number>, report: Report): void {
  const s = disk.sectorSize;
  if (!Number.isInteger(e.number) || e.number < 1) report(e, 'partition numbers start at 1');
  if (seen.has(e.number)) report(e, 'the number is used twice');
  seen.add(e.number);
  if (!Number.isSafeInteger(e.offsetBytes) || e.offsetBytes % s !== 0) {
    report(e, `offset ${e.offsetBytes} bytes is not aligned to the ${s}-byte sector`);
  }
  if (!Number.isSafeInteger(e.sizeBytes) || e.sizeBytes <= 0 || e.sizeBytes % s !== 0) {
    report(e, `size ${e.sizeBytes} bytes is not a positive multiple of the ${s}-byte sector`);
  }
  if (style === 'MBR' && (e.role === 'EFI' || e.role === 'MSR')) report(e, `an MBR disk cannot hold an ${e.role} partition`);
  if (style === 'GPT' && (e.role === 'Extended' || e.role === 'Logical')) report(e, `a GPT disk has no ${e.role.toLowerCase()} partitions`);
  if (style === 'GPT' && e.name !== undefined && e.name.length > GPT_NAME_LENGTH) {
    report(e, `name '${e.name}' is longer than ${GPT_NAME_LENGTH} characters`);
  }
}

function checkNoOverlap(entries: readonly PartitionPlacement[], report: Report): void {
  const sorted = [...entries].sort((a, b) => a.offsetBytes - b.offsetBytes);
  sorted.slice(1).forEach((e, i) => {
    if (e.offsetBytes < endOf(sorted[i])) report(e, `overlaps partition ${sorted[i].number}`);
  });
}

function checkGpt(disk: DiskSize, entries: readonly PartitionPlacement[], report: Report): void {
  const s = disk.sectorSize;
  const usable = gptUsableLbas(s, Math.floor(disk.sizeBytes / s));
  for (const e of entries) {
    if (e.number > GPT_ENTRY_COUNT) report(e, `a GPT holds at most ${GPT_ENTRY_COUNT} partitions`);
    if (e.offsetBytes < usable.first * s) report(e, `starts before the first usable LBA ${usable.first} (${usable.first * s} bytes)`);
    if (endOf(e) > (usable.last + 1) * s) report(e, `ends beyond the last usable LBA ${usable.last} (${(usable.last + 1) * s} bytes)`);
  }
  checkNoOverlap(entries, report);
}

function checkMbrEntry(disk: DiskSize, e: PartitionPlacement, report: Report): void {
  const s = disk.sectorSize;
  if (e.offsetBytes < s) report(e, 'starts in sector 0, which holds the MBR');
  if (endOf(e) > disk.sizeBytes) report(e, `ends at ${endOf(e)} bytes, beyond the disk (${disk.sizeBytes} bytes)`);
  if (endOf(e) / s > MBR_MAX_SECTORS) {
    report(e, `ends beyond sector 2^32 (${MBR_MAX_SECTORS * s} bytes), which an MBR cannot address; use GPT`);
  }
}

function checkLogicals(extended: PartitionPlacement | undefined, logicals: readonly PartitionPlacement[], report: Report): void {
  const sorted = [...logicals].sort((a, b) => a.offsetBytes - b.offsetBytes);
  if (sorted.length === 0) return;
  if (!extended) return report(sorted[0], 'a logical partition needs an extended partition');
  sorted.forEach((e, i) => {
    if (e.number !== MBR_FIRST_LOGICAL + i) report(e, `logical partitions are numbered from ${MBR_FIRST_LOGICAL} in disk order (expected ${MBR_FIRST_LOGICAL + i})`);
    if (e.offsetBytes <= extended.offsetBytes || endOf(e) > endOf(extended)) report(e, `lies outside extended partition ${extended.number}`);
    if (i > 0 && e.offsetBytes < endOf(sorted[i - 1])) report(e, `overlaps partition ${sorted[i - 1].number}`);
    if (i > 0 && e.offsetBytes - EBR_GAP_BYTES < endOf(sorted[i - 1])) report(e, `needs a free ${EBR_GAP_BYTES}-byte gap before it for its EBR`);
  });
}

function checkMbr(disk: DiskSize, entries: readonly PartitionPlacement[], report: Report): void {
  const outer = entries.filter((e) => e.role !== 'Logical').sort((a, b) => a.number - b.number);
  if (outer.length > MBR_MAX_PRIMARIES) report(outer[MBR_MAX_PRIMARIES], `an MBR holds at most ${MBR_MAX_PRIMARIES} primary or extended partitions`);
  const misnumbered = outer.find((e) => e.number > MBR_MAX_PRIMARIES);
  if (misnumbered) report(misnumbered, `primary and extended partitions are numbered 1 to ${MBR_MAX_PRIMARIES} on MBR`);
  const extended = outer.filter((e) => e.role === 'Extended');
  if (extended.length > 1) report(extended[1], `a second extended partition (partition ${extended[0].number} is one)`);
  entries.forEach((e) => checkMbrEntry(disk, e, report));
  checkNoOverlap(outer, report);
  checkLogicals(extended[0], entries.filter((e) => e.role === 'Logical'), report);
}

/**
 * Every problem of a layout, table problems first in the order a table writer meets them (shape of each partition,
 * then the style's own rules), then the volumes Windows will not format. Empty when the layout is fine.
 */
export function checkPartitionLayout(disk: DiskSize, style: 'MBR' | 'GPT', partitions: readonly PartitionPlacement[]): LayoutProblem[] {
  const problems: LayoutProblem[] = [];
  const report: Report = (p, reason) => { problems.push({ kind: 'table', number: p.number, reason }); };
  const seen = new Set<number>();
  partitions.forEach((e) => checkShape(disk, style, e, seen, report));
  if (style === 'GPT') checkGpt(disk, partitions, report);
  else checkMbr(disk, partitions, report);
  for (const p of partitions) {
    if (exceedsVolumeLimit(p.fileSystem, p.sizeBytes)) {
      problems.push({ kind: 'format', number: p.number, reason: 'Windows does not format FAT32 volumes larger than 32 GB' });
    }
  }
  return problems;
}

/** The first problem of one of `kinds` in a whole-disk layout, or undefined when there is none. */
export function firstLayoutProblem(disk: DiskSize, layout: PlacedLayout, kinds: ReadonlyArray<LayoutProblem['kind']>): LayoutProblem | undefined {
  return checkPartitionLayout(disk, layout.style, layout.partitions).find((p) => kinds.includes(p.kind));
}

/**
 * Refuses a layout with a problem of one of `kinds`, as a renderer or a machine does before acting.
 * @throws TaskseqError('unsupported') `disk <index> partition <n>: <reason>` for the first one
 */
export function refuseLayoutProblems(disk: DiskSize, layout: PlacedLayout, kinds: ReadonlyArray<LayoutProblem['kind']>): void {
  const problem = firstLayoutProblem(disk, layout, kinds);
  if (problem) throw new TaskseqError('unsupported', `disk ${layout.diskIndex} partition ${problem.number}: ${problem.reason}`);
}
