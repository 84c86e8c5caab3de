/**
 * What real disks and Windows refuse in a partition table, checked before anything is written so that a refused
 * layout leaves the image untouched.
 */
import { PARTITION_ALIGNMENT, TaskseqError } from '../../../engine/index.ts';
import { GPT_ENTRY_COUNT, GPT_NAME_LENGTH, planGptLayout } from './gpt.ts';
import type { DiskGeometry, TableEntry } from './partition-table-types.ts';

/** Sectors an MBR entry can address (32-bit LBA): 2 TiB with 512-byte sectors. */
const MBR_MAX_SECTORS = 2 ** 32;
const MBR_MAX_PRIMARIES = 4;
/** The gap left before each logical partition for its EBR. */
export const EBR_GAP_BYTES = PARTITION_ALIGNMENT;

function refuse(disk: DiskGeometry, entry: TableEntry, reason: string): never {
  throw new TaskseqError('unsupported', `disk '${disk.id}': partition ${entry.number}: ${reason}`);
}

const endOf = (e: TableEntry): number => e.offsetBytes + e.sizeBytes;

function checkEntryShape(disk: DiskGeometry, style: 'MBR' | 'GPT', e: TableEntry, seen: Set<number>): void {
  const s = disk.sectorSize;
  if (!Number.isInteger(e.number) || e.number < 1) refuse(disk, e, 'partition numbers start at 1');
  if (seen.has(e.number)) refuse(disk, e, 'the number is used twice');
  seen.add(e.number);
  if (!Number.isSafeInteger(e.offsetBytes) || e.offsetBytes % s !== 0) {
    refuse(disk, e, `offset ${e.offsetBytes} bytes is not aligned to the ${s}-byte sector`);
  }
  if (!Number.isSafeInteger(e.sizeBytes) || e.sizeBytes <= 0 || e.sizeBytes % s !== 0) {
    refuse(disk, e, `size ${e.sizeBytes} bytes is not a positive multiple of the ${s}-byte sector`);
  }
  if (style === 'MBR' && (e.role === 'EFI' || e.role === 'MSR')) refuse(disk, e, `an MBR disk cannot hold an ${e.role} partition`);
  if (style === 'GPT' && (e.role === 'Extended' || e.role === 'Logical')) {
    refuse(disk, e, `a GPT disk has no ${e.role.toLowerCase()} partitions`);
  }
  if (style === 'GPT' && e.name !== undefined && e.name.length > GPT_NAME_LENGTH) {
    refuse(disk, e, `name '${e.name}' is longer than ${GPT_NAME_LENGTH} characters`);
  }
}

function checkNoOverlap(disk: DiskGeometry, entries: readonly TableEntry[]): void {
  const sorted = [...entries].sort((a, b) => a.offsetBytes - b.offsetBytes);
  sorted.slice(1).forEach((e, i) => {
    if (e.offsetBytes < endOf(sorted[i])) refuse(disk, e, `overlaps partition ${sorted[i].number}`);
  });
}

function checkGpt(disk: DiskGeometry, entries: readonly TableEntry[]): void {
  const s = disk.sectorSize;
  const layout = planGptLayout(s, Math.floor(disk.sizeBytes / s));
  for (const e of entries) {
    if (e.number > GPT_ENTRY_COUNT) refuse(disk, e, `a GPT holds at most ${GPT_ENTRY_COUNT} partitions`);
    if (e.offsetBytes < layout.firstUsableLba * s) {
      refuse(disk, e, `starts before the first usable LBA ${layout.firstUsableLba} (${layout.firstUsableLba * s} bytes)`);
    }
    if (endOf(e) > (layout.lastUsableLba + 1) * s) {
      refuse(disk, e, `ends beyond the last usable LBA ${layout.lastUsableLba} (${(layout.lastUsableLba + 1) * s} bytes)`);
    }
  }
  checkNoOverlap(disk, entries);
}

function checkMbrEntry(disk: DiskGeometry, e: TableEntry): void {
  const s = disk.sectorSize;
  if (e.offsetBytes < s) refuse(disk, e, 'starts in sector 0, which holds the MBR');
  if (endOf(e) > disk.sizeBytes) refuse(disk, e, `ends at ${endOf(e)} bytes, beyond the disk (${disk.sizeBytes} bytes)`);
  if (endOf(e) / s > MBR_MAX_SECTORS) {
    refuse(disk, e, `ends beyond sector 2^32 (${MBR_MAX_SECTORS * s} bytes), which an MBR cannot address; use GPT`);
  }
}

function checkLogicals(disk: DiskGeometry, extended: TableEntry | undefined, logicals: readonly TableEntry[]): void {
  const sorted = [...logicals].sort((a, b) => a.offsetBytes - b.offsetBytes);
  if (sorted.length > 0 && !extended) refuse(disk, sorted[0], 'a logical partition needs an extended partition');
  sorted.forEach((e, i) => {
    if (e.number !== 5 + i) refuse(disk, e, `logical partitions are numbered from 5 in disk order (expected ${5 + i})`);
    if (e.offsetBytes <= extended!.offsetBytes || endOf(e) > endOf(extended!)) {
      refuse(disk, e, `lies outside extended partition ${extended!.number}`);
    }
    if (i > 0 && e.offsetBytes < endOf(sorted[i - 1])) refuse(disk, e, `overlaps partition ${sorted[i - 1].number}`);
    if (i > 0 && e.offsetBytes - EBR_GAP_BYTES < endOf(sorted[i - 1])) {
      refuse(disk, e, `needs a free ${EBR_GAP_BYTES}-byte gap before it for its EBR`);
    }
  });
}

function checkMbr(disk: DiskGeometry, entries: readonly TableEntry[]): void {
  const outer = entries.filter((e) => e.role !== 'Logical').sort((a, b) => a.number - b.number);
  if (outer.length > MBR_MAX_PRIMARIES) refuse(disk, outer[MBR_MAX_PRIMARIES], 'an MBR holds at most 4 primary or extended partitions');
  const misnumbered = outer.find((e) => e.number > MBR_MAX_PRIMARIES);
  if (misnumbered) refuse(disk, misnumbered, 'primary and extended partitions are numbered 1 to 4 on MBR');
  const extended = outer.filter((e) => e.role === 'Extended');
  if (extended.length > 1) refuse(disk, extended[1], `a second extended partition (partition ${extended[0].number} is one)`);
  entries.forEach((e) => checkMbrEntry(disk, e));
  checkNoOverlap(disk, outer);
  checkLogicals(disk, extended[0], entries.filter((e) => e.role === 'Logical'));
}

/**
 * Checks a table against what the hardware and Windows accept.
 * @throws TaskseqError('unsupported') naming the disk id and the partition number
 */
export function checkPartitionTable(disk: DiskGeometry, style: 'MBR' | 'GPT', entries: readonly TableEntry[]): void {
  const seen = new Set<number>();
  entries.forEach((e) => checkEntryShape(disk, style, e, seen));
  if (style === 'GPT') checkGpt(disk, entries);
  else checkMbr(disk, entries);
}
