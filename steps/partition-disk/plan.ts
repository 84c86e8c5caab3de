/**
 * Format and Partition Disk's plan (pure): option entries + the target disk -> a fully placed `PartitionLayout`.
 * Partitions go in list order from 1 MiB; offsets and sizes are whole MiB; MB = MiB, GB = GiB; Percent is of the
 * space that remains at that point, rounded down to a MiB. See docs/steps.md for every rule.
 */
import type { DiskFacts, PartitionLayout, PlannedPartition } from '../../engine/step-api.ts';
import {
  EBR_GAP_BYTES, exceedsVolumeLimit, FAT32_MAX_VOLUME_BYTES, GIB, MBR_FIRST_LOGICAL, mbrAddressableBytes, MIB, usableRange,
} from '../../engine/step-api.ts';
import { checkLayoutRules, takesRest } from './layout-rules.ts';
import type { PartitionDiskOptions, PartitionEntry } from './parse-options.ts';

export type PlanResult =
  | { layout: PartitionLayout; explain: string[]; warnings: string[] }
  | { error: string; partition?: number };

interface Cursor {
  next: number;
  end: number;
  /** Where the space is, for messages: `disk 0` or `the extended partition`. */
  where: string;
}

type Sized = { size: number } | { error: string; partition: number };

/** `1.5 GiB`-style text for a byte count (MiB below 1 GiB). */
export function formatBytes(bytes: number): string {
  if (bytes >= GIB) return `${Number((bytes / GIB).toFixed(1))} GiB`;
  return `${Math.floor(bytes / MIB)} MiB`;
}

/**
 * The disk with `index`, or an error naming the option and listing the disks present.
 */
export function selectDisk(disks: readonly DiskFacts[], index: number): DiskFacts | { error: string } {
  const disk = disks.find((d) => d.index === index);
  if (disk) return disk;
  const present = disks.map((d) => `${d.index} (${formatBytes(d.sizeBytes)} ${d.bus}${d.removable ? ', removable' : ''})`).join(', ');
  return { error: `disk ${index} does not exist (option DiskIndex); disks present: ${present || 'none'}` };
}

function sizeEntry(e: PartitionEntry, at: Cursor): Sized {
  const left = at.end - at.next;
  const leftMiB = Math.max(0, Math.floor(left / MIB));
  const options = `options Partitions${e.index}Size, Partitions${e.index}SizeUnits`;
  let size: number;
  if (takesRest(e)) size = leftMiB * MIB;
  else if (e.unit === 'Percent') size = Math.floor((leftMiB * e.size!) / 100) * MIB;
  else size = e.size! * (e.unit === 'GB' ? GIB : MIB);
  if (size > left) {
    return { error: `partition ${e.position} needs ${size / MIB} MiB but only ${leftMiB} MiB are left on ${at.where} (${options})`, partition: e.position };
  }
  if (size < MIB) {
    return { error: `partition ${e.position} gets no space: ${leftMiB} MiB are left on ${at.where} and ${takesRest(e) ? 'it takes the rest' : `${e.size} % of that is under 1 MiB`} (${options})`, partition: e.position };
  }
  if (e.role !== 'MSR' && exceedsVolumeLimit(e.fileSystem, size)) {
    return { error: `partition ${e.position} would be a ${size / MIB} MiB FAT32 volume; Windows formats FAT32 up to ${FAT32_MAX_VOLUME_BYTES / MIB} MiB (options Partitions${e.index}FileSystem, Partitions${e.index}Size)`, partition: e.position };
  }
  return { size };
}

/** What the partition becomes apart from place and size; notes say what was ignored and why. */
function shapeEntry(e: PartitionEntry, options: PartitionDiskOptions, activeTaken: boolean, notes: string[], warnings: string[]): Omit<PlannedPartition, 'number' | 'offsetBytes' | 'sizeBytes'> {
  const p = `partition ${e.position}`;
  const volumeless = e.role === 'MSR' || e.role === 'Extended';
  if (volumeless && e.fileSystem) notes.push(`${p}: ${e.role} partitions are never formatted; FileSystem ${e.fileSystem} ignored`);
  if (volumeless && e.letterVariable) notes.push(`${p}: ${e.role} partitions get no drive letter; VolumeLetterVariable ${e.letterVariable} ignored`);
  if (e.role === 'EFI' && e.fileSystem !== 'FAT32') warnings.push(`${p}: the EFI system partition is ${e.fileSystem ?? 'not formatted'}; UEFI firmware boots only from FAT32`);
  let active = false;
  if (e.bootable && options.style === 'GPT') notes.push(`${p}: Bootable ignored on GPT (UEFI boots from the EFI partition)`);
  else if (e.bootable && (e.role === 'Logical' || e.role === 'Extended')) notes.push(`${p}: Bootable ignored; only a primary MBR partition can be active`);
  else if (e.bootable && activeTaken) notes.push(`${p}: Bootable ignored; an MBR disk has one active partition and an earlier one has it`);
  else active = e.bootable;
  return {
    role: e.role,
    active,
    ...(!volumeless && e.fileSystem ? { fileSystem: e.fileSystem } : {}),
    ...(!volumeless && e.fileSystem && e.label ? { label: e.label } : {}),
    quickFormat: e.quickFormat,
    assignLetter: !volumeless && e.assignLetter,
    ...(!volumeless && e.letterVariable ? { letterVariable: e.letterVariable } : {}),
  };
}

function stepNotes(options: PartitionDiskOptions, disk: DiskFacts): string[] {
  const notes: string[] = [];
  if (options.gptBootDisk && options.style === 'MBR') notes.push('GPTBootDisk ignored: PartitionStyle is MBR');
  if (options.gptBootDisk && options.style === 'GPT' && !options.partitions.some((e) => e.role === 'EFI')) {
    notes.push('GPTBootDisk is set but no EFI partition is listed; none is added (list an EFI partition to make the disk bootable)');
  }
  if (options.biosCompatibilityMode) notes.push('DiskpartBiosCompatibilityMode ignored: partitions are always aligned to 1 MiB');
  const addressable = mbrAddressableBytes(disk.sectorSize);
  if (options.style === 'MBR' && disk.sizeBytes > addressable) notes.push(`MBR addresses only the first ${formatBytes(addressable)} of disk ${disk.index}`);
  return notes;
}

/** One log line for a planned partition: number, role, offset and size in MiB, file system, label, letter variable. */
export function describePartition(p: PlannedPartition): string {
  const fs = p.fileSystem ? `${p.fileSystem}${p.label ? ` "${p.label}"` : ''}${p.quickFormat ? ' (quick)' : ''}` : 'not formatted';
  const letter = p.letterVariable ? `, letter -> ${p.letterVariable}` : p.assignLetter ? ', letter' : ', no letter';
  return `partition ${p.number} ${p.role}${p.active ? ' active' : ''}: at ${p.offsetBytes / MIB} MiB, ${p.sizeBytes / MIB} MiB, ${fs}${p.fileSystem ? letter : ''}`;
}

/**
 * Places every entry on `disk`. Returns the layout with one explain line per partition plus notes on what was
 * ignored, and warnings (an EFI partition that is not FAT32); or the first refusal, naming the partition (1-based,
 * as the editor lists it) and the options at fault. Refuses removable disks, rule violations (see
 * `checkLayoutRules`), sizes beyond the space left and FAT32 volumes above 32 GiB.
 */
export function planLayout(options: PartitionDiskOptions, disk: DiskFacts): PlanResult {
  if (disk.removable) return { error: `disk ${disk.index} (${disk.model}) is removable; Format and Partition Disk does not partition removable disks (option DiskIndex)` };
  const [broken] = checkLayoutRules(options);
  if (broken) return { error: broken.message, ...(broken.partition !== undefined ? { partition: broken.partition } : {}) };
  const notes: string[] = [];
  const warnings: string[] = [];
  const range = usableRange(disk, options.style);
  const top: Cursor = { next: range.start, end: range.end, where: `disk ${disk.index}` };
  let extended: Cursor | undefined;
  let primaryNumber = 0;
  let logicalNumber = MBR_FIRST_LOGICAL - 1;
  const partitions: PlannedPartition[] = [];
  for (const e of options.partitions) {
    const logical = e.role === 'Logical';
    if (!logical) extended = undefined;
    const at = logical ? extended! : top;
    if (logical) at.next += EBR_GAP_BYTES;
    const sized = sizeEntry(e, at);
    if ('error' in sized) return sized;
    const offsetBytes = at.next;
    at.next += sized.size;
    if (e.role === 'Extended') extended = { next: offsetBytes, end: offsetBytes + sized.size, where: 'the extended partition' };
    const number = options.style === 'GPT' ? e.position : logical ? ++logicalNumber : ++primaryNumber;
    const shape = shapeEntry(e, options, partitions.some((p) => p.active), notes, warnings);
    partitions.push({ number, offsetBytes, sizeBytes: sized.size, ...shape });
  }
  const layout: PartitionLayout = { diskIndex: disk.index, style: options.style, partitions };
  return { layout, explain: [...partitions.map(describePartition), ...stepNotes(options, disk), ...notes], warnings };
}
