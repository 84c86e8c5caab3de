/**
 * Format and Partition Disk options (property -> string) as typed values (pure). Used by `validate()` on the raw
 * definition and by `run()` on the expanded values.
 */
import { DYNAMIC_DISK_REASON, listOfChoices, parseOptions, type PartitionRole, type StepProblem } from '../../engine/step-api.ts';
import { checkWritableName } from '../shared/writable-name.ts';
import { OptionCollector, type OptionReader } from '../shared/option-collector.ts';
import { partitionDiskManifest } from './manifest.ts';

export const PARTITION_DISK_WRITER = 'Format and Partition Disk';

export type SizeUnit = 'MB' | 'GB' | 'Percent';

/** One `Partitions<n>…` entry. */
export interface PartitionEntry {
  /** The `<n>` of the properties (0-based). */
  index: number;
  /** 1-based position in the list, as the editor shows it. */
  position: number;
  role: PartitionRole;
  fileSystem?: 'NTFS' | 'FAT32';
  /** Absent: the partition takes the rest of the space. */
  size?: number;
  unit: SizeUnit;
  bootable: boolean;
  quickFormat: boolean;
  label?: string;
  letterVariable?: string;
  assignLetter: boolean;
}

export interface PartitionDiskOptions {
  diskIndex: number;
  style: 'MBR' | 'GPT';
  /** `Partitions` as written; undefined when absent. */
  count?: number;
  gptBootDisk: boolean;
  biosCompatibilityMode: boolean;
  partitions: PartitionEntry[];
}

export interface ParsedPartitionDiskOptions {
  options: PartitionDiskOptions;
  /** Errors mean `options` holds defaults in place of the bad values and must not be used. */
  problems: StepProblem[];
  /** A value was skipped (it references `%VAR%`), so checks across options cannot be made yet. */
  deferred: boolean;
}

export type { OptionReader } from '../shared/option-collector.ts';

const ROLES: readonly PartitionRole[] = ['Primary', 'Extended', 'Logical', 'Hidden', 'EFI', 'MSR', 'Recovery'];
const UNITS: Record<string, SizeUnit> = { mb: 'MB', gb: 'GB', percent: 'Percent', '%': 'Percent' };
const PARTITION_PROPERTY = /^Partitions(\d+)[A-Za-z]+$/;
const ENTRY_FIELDS = ['Type', 'FileSystem', 'Size', 'SizeUnits', 'Bootable', 'QuickFormat', 'VolumeName', 'VolumeLetterVariable', 'AssignVolumeLetter'];

function parseBool(c: OptionCollector, property: string, fallback: boolean): boolean {
  return c.byKind({ kind: 'flag', name: property, description: '' }, fallback);
}

/** The disk-wide options named, by their manifest kinds (problems in manifest order). */
function diskOptions(c: OptionCollector, names: readonly string[]): Record<string, unknown> {
  const parsed = parseOptions(partitionDiskManifest.options.filter((o) => names.includes(o.name)), c.read, c.skip);
  c.problems.push(...parsed.problems);
  if (parsed.deferred) c.deferred = true;
  return parsed.values;
}

function checkDiskType(c: OptionCollector): void {
  const v = c.value('DiskType');
  if (v === undefined || /^basic$/i.test(v)) return;
  if (/^dynamic$/i.test(v)) {
    c.error('dynamic-disk', 'DiskType', `DiskType is DYNAMIC; ${DYNAMIC_DISK_REASON}: use BASIC`);
  } else c.error('invalid-disk-type', 'DiskType', `DiskType is "${v}"; expected BASIC`);
}

function parseSize(c: OptionCollector, n: number, unit: SizeUnit): number | undefined {
  const field = `Partitions${n}Size`;
  const v = c.value(field);
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v)) {
    c.error('invalid-partition-size', field, `partition ${n + 1}: ${field} is "${v}"; expected a whole number`);
    return undefined;
  }
  const size = Number(v);
  if (size === 0) c.error('invalid-partition-size', field, `partition ${n + 1}: ${field} is 0; a partition needs a size above 0 (omit the size to use the rest of the disk)`);
  else if (unit === 'Percent' && size > 100) c.error('invalid-partition-size', field, `partition ${n + 1}: ${field} is ${size} %; a percentage must be from 1 to 100`);
  return size;
}

function parseRole(c: OptionCollector, n: number): PartitionRole {
  const field = `Partitions${n}Type`;
  const role = c.byKind<PartitionRole | undefined>({ kind: 'one-of', name: field, values: ROLES, code: 'invalid-partition-type', description: '' }, undefined, `partition ${n + 1}: `);
  if (role) return role;
  if (c.isEmpty(field)) c.error('invalid-partition-type', field, `partition ${n + 1}: ${field} is empty; expected ${listOfChoices(ROLES)}`);
  return 'Primary';
}

function parseFileSystem(c: OptionCollector, n: number): 'NTFS' | 'FAT32' | undefined {
  const field = `Partitions${n}FileSystem`;
  const v = c.value(field);
  const fs = v?.toUpperCase();
  if (fs === undefined || fs === 'NTFS' || fs === 'FAT32') return fs;
  c.error('invalid-file-system', field, `partition ${n + 1}: ${field} is "${v}"; expected NTFS, FAT32 or empty (not formatted)`);
  return undefined;
}

function parseUnit(c: OptionCollector, n: number): SizeUnit {
  const field = `Partitions${n}SizeUnits`;
  const v = c.value(field);
  if (v === undefined) return 'MB';
  const unit = UNITS[v.toLowerCase()];
  if (!unit) c.error('invalid-size-units', field, `partition ${n + 1}: ${field} is "${v}"; expected MB, GB or Percent`);
  return unit ?? 'MB';
}

function parseLetterVariable(c: OptionCollector, n: number): string | undefined {
  const field = `Partitions${n}VolumeLetterVariable`;
  const raw = c.read(field)?.trim();
  if (!raw) return undefined;
  const bad = checkWritableName(raw, PARTITION_DISK_WRITER, field);
  if (bad) c.problems.push(bad);
  return c.skip(raw) ? undefined : raw;
}

function parseEntry(c: OptionCollector, n: number, position: number): PartitionEntry {
  const unit = parseUnit(c, n);
  const entry: PartitionEntry = {
    index: n,
    position,
    role: parseRole(c, n),
    unit,
    bootable: parseBool(c, `Partitions${n}Bootable`, false),
    quickFormat: parseBool(c, `Partitions${n}QuickFormat`, true),
    assignLetter: parseBool(c, `Partitions${n}AssignVolumeLetter`, true),
  };
  const fileSystem = parseFileSystem(c, n);
  const size = parseSize(c, n, unit);
  const label = c.read(`Partitions${n}VolumeName`)?.trim();
  const letterVariable = parseLetterVariable(c, n);
  return {
    ...entry,
    ...(fileSystem ? { fileSystem } : {}),
    ...(size !== undefined ? { size } : {}),
    ...(label ? { label } : {}),
    ...(letterVariable ? { letterVariable } : {}),
  };
}

/** The `<n>` of every entry that has at least one non-empty `Partitions<n>…` value, ascending. */
function entryIndexes(read: OptionReader, properties: readonly string[], count: number | undefined): number[] {
  const candidates = new Set<number>();
  for (const p of properties) {
    const m = PARTITION_PROPERTY.exec(p);
    if (m) candidates.add(Number(m[1]));
  }
  for (let n = 0; n < (count ?? 0) && n < 128; n++) candidates.add(n);
  const present = (n: number) => ENTRY_FIELDS.some((f) => (read(`Partitions${n}${f}`)?.trim() ?? '') !== '');
  return [...candidates].filter(present).sort((a, b) => a - b);
}

/**
 * Parses the options. `properties` are the property names the step carries (to find `Partitions<n>…` entries beyond
 * `Partitions`); `skip` says which values cannot be judged yet (static checks pass `isDeferred`). Problems carry the
 * property name as `field`. A `Partitions` count that disagrees with the entries present is a warning; the entries win.
 */
export function parsePartitionDiskOptions(read: OptionReader, properties: readonly string[], skip: (value: string) => boolean = () => false): ParsedPartitionDiskOptions {
  const c = new OptionCollector(read, skip);
  const disk = diskOptions(c, ['DiskIndex', 'PartitionStyle', 'Partitions']) as { DiskIndex?: number; PartitionStyle?: 'MBR' | 'GPT'; Partitions?: number };
  checkDiskType(c);
  const flags = diskOptions(c, ['GPTBootDisk', 'DiskpartBiosCompatibilityMode']) as { GPTBootDisk: boolean; DiskpartBiosCompatibilityMode: boolean };
  const count = disk.Partitions;
  const partitions = entryIndexes(read, properties, count).map((n, i) => parseEntry(c, n, i + 1));
  if (count !== undefined && count !== partitions.length) {
    c.warn('partition-count-mismatch', 'Partitions', `Partitions is ${count} but ${partitions.length} partition entries are present; the entries are used`);
  }
  const options = {
    diskIndex: disk.DiskIndex ?? 0, style: disk.PartitionStyle ?? 'GPT', ...(count !== undefined ? { count } : {}),
    gptBootDisk: flags.GPTBootDisk, biosCompatibilityMode: flags.DiskpartBiosCompatibilityMode, partitions,
  };
  return { options, problems: c.problems, deferred: c.deferred };
}
