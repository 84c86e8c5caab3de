/**
 * Checks of a partition list that need no disk (pure): which types fit the partition style, how many primaries MBR
 * holds, where logical partitions may go and which partition takes the rest of the space. Shared by `validate()` and
 * the planner so both refuse with the same words.
 */
import { exceedsVolumeLimit, FAT32_MAX_VOLUME_BYTES, GIB, MBR_MAX_PRIMARIES, MIB } from '../../engine/step-api.ts';
import type { PartitionDiskOptions, PartitionEntry } from './parse-options.ts';

/** One broken rule: `partition` is the 1-based position the editor shows, `field` the property at fault. */
export interface LayoutViolation {
  code: string;
  field: string;
  message: string;
  partition?: number;
}

/** True when the entry takes everything left (no size, or 100 %). */
export function takesRest(e: PartitionEntry): boolean {
  return e.size === undefined || (e.unit === 'Percent' && e.size === 100);
}

function violation(e: PartitionEntry, property: string, code: string, message: string): LayoutViolation {
  return { code, field: `Partitions${e.index}${property}`, message: `partition ${e.position}: ${message}`, partition: e.position };
}

function checkTypes(options: PartitionDiskOptions): LayoutViolation[] {
  const out: LayoutViolation[] = [];
  for (const e of options.partitions) {
    const field = `Partitions${e.index}Type`;
    if (options.style === 'MBR' && (e.role === 'EFI' || e.role === 'MSR')) {
      out.push(violation(e, 'Type', 'partition-type-not-on-mbr', `${e.role} partitions exist only on GPT disks; PartitionStyle is MBR (option ${field})`));
    }
    if (options.style === 'GPT' && (e.role === 'Extended' || e.role === 'Logical')) {
      out.push(violation(e, 'Type', 'partition-type-not-on-gpt', `${e.role} partitions exist only on MBR disks; PartitionStyle is GPT (option ${field})`));
    }
  }
  return out;
}

function checkMbrStructure(options: PartitionDiskOptions): LayoutViolation[] {
  if (options.style !== 'MBR') return [];
  const out: LayoutViolation[] = [];
  let primaries = 0;
  let inExtended = false;
  let extendedSeen = false;
  for (const e of options.partitions) {
    if (e.role === 'Logical') {
      if (!inExtended) {
        const why = extendedSeen ? 'logical partitions must directly follow their extended partition' : 'a logical partition needs an extended partition before it';
        out.push(violation(e, 'Type', 'logical-without-extended', `${why} (option Partitions${e.index}Type)`));
      }
      continue;
    }
    inExtended = e.role === 'Extended';
    if (e.role === 'Extended' && extendedSeen) {
      out.push(violation(e, 'Type', 'second-extended-partition', `an MBR disk holds one extended partition (option Partitions${e.index}Type)`));
    }
    extendedSeen ||= e.role === 'Extended';
    if (++primaries === MBR_MAX_PRIMARIES + 1) {
      out.push(violation(e, 'Type', 'too-many-primary-partitions', `an MBR disk holds at most ${MBR_MAX_PRIMARIES} primary and extended partitions; use an extended partition with logical ones (option Partitions${e.index}Type)`));
    }
  }
  return out;
}

/** A partition after one that took all the space left (at disk level, or inside the extended partition). */
function checkRest(options: PartitionDiskOptions): LayoutViolation[] {
  const out: LayoutViolation[] = [];
  let restTop: PartitionEntry | undefined;
  let restLogical: PartitionEntry | undefined;
  for (const e of options.partitions) {
    const logical = e.role === 'Logical';
    if (!logical) restLogical = undefined;
    const taken = logical ? restLogical : restTop;
    if (taken) {
      const where = logical ? 'the extended partition' : 'the disk';
      const message = e.size === undefined
        ? `partitions ${taken.position} and ${e.position} both take the rest of ${where}; give partition ${taken.position} a size (option Partitions${taken.index}Size)`
        : `partition ${taken.position} already takes the rest of ${where}, so nothing is left for this one; give partition ${taken.position} a size (option Partitions${taken.index}Size)`;
      out.push(violation(e, 'Size', e.size === undefined ? 'duplicate-rest-of-disk' : 'partition-after-rest-of-disk', message));
      continue;
    }
    if (takesRest(e)) {
      if (logical) restLogical = e;
      else restTop = e;
    }
  }
  return out;
}

function checkFat32Sizes(options: PartitionDiskOptions): LayoutViolation[] {
  return options.partitions
    .filter((e) => e.role !== 'MSR' && e.size !== undefined && e.unit !== 'Percent')
    .filter((e) => exceedsVolumeLimit(e.fileSystem, e.size! * (e.unit === 'GB' ? GIB : MIB)))
    .map((e) => violation(e, 'Size', 'fat32-too-large', `FAT32 volumes can be at most 32 GiB (${FAT32_MAX_VOLUME_BYTES / MIB} MiB) when Windows formats them; ${e.size} ${e.unit} requested (options Partitions${e.index}FileSystem, Partitions${e.index}Size)`));
}

/** Every rule the partition list breaks, in list order per rule. Empty when the list is fine. */
export function checkLayoutRules(options: PartitionDiskOptions): LayoutViolation[] {
  if (options.partitions.length === 0) {
    return [{ code: 'no-partitions', field: 'Partitions', message: 'no partitions are defined (options Partitions0Type, Partitions0Size, ...)' }];
  }
  return [...checkTypes(options), ...checkMbrStructure(options), ...checkRest(options), ...checkFat32Sizes(options)];
}
