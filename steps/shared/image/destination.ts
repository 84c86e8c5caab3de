/**
 * Resolves an image step's destination to a drive letter (pure): by variable (`C:` or `disk,partition`), by disk and
 * partition, by letter, or the next available formatted partition not yet targeted by an earlier image step.
 */
import type { DiskFacts, PartitionFacts } from '../../../engine/step-api.ts';
import type { Destination } from './apply-image-options.ts';
import { normalizeLetter } from './drive-letter.ts';

/** Engine variable listing the letters earlier Apply OS / Apply Data Image steps targeted (`C:,D:`). */
export const APPLIED_TARGETS_VARIABLE = '_OSDAppliedTargets';

export interface ResolvedDestination {
  letter: string;
  disk: number;
  partition: number;
  /** How it was found, for the log. */
  describe: string;
}

/** Roles the next-available search never picks: they are not meant to hold an OS or data. */
const SKIPPED_ROLES = new Set(['EFI', 'MSR', 'Extended']);

function where(d: DiskFacts, p: PartitionFacts): string {
  return `disk ${d.index} partition ${p.number}`;
}

function usable(d: DiskFacts, p: PartitionFacts, field: string): ResolvedDestination | { error: string } {
  const v = p.volume;
  if (!v || v.fileSystem === 'RAW') return { error: `${where(d, p)} (option ${field}) is not formatted; format it before applying an image` };
  if (!v.letter) return { error: `${where(d, p)} (option ${field}) has no drive letter` };
  const letter = normalizeLetter(v.letter) ?? v.letter;
  return { letter, disk: d.index, partition: p.number, describe: `${letter} (${where(d, p)}, ${v.fileSystem}${v.label ? ` "${v.label}"` : ''})` };
}

function byDiskPartition(disks: readonly DiskFacts[], disk: number, partition: number, field: string): ResolvedDestination | { error: string } {
  const d = disks.find((x) => x.index === disk);
  if (!d) return { error: `disk ${disk} (option ${field}) does not exist; disks present: ${disks.map((x) => x.index).join(', ') || 'none'}` };
  const p = d.partitions.find((x) => x.number === partition);
  if (!p) return { error: `disk ${disk} has no partition ${partition} (option ${field}); it has ${d.partitions.map((x) => x.number).join(', ') || 'none'}` };
  return usable(d, p, field);
}

function byLetter(disks: readonly DiskFacts[], letter: string, field: string): ResolvedDestination | { error: string } {
  for (const d of disks) {
    for (const p of d.partitions) {
      if (p.volume?.letter && normalizeLetter(p.volume.letter) === letter) return usable(d, p, field);
    }
  }
  const letters = disks.flatMap((d) => d.partitions.map((p) => p.volume?.letter).filter((l): l is string => !!l));
  return { error: `there is no volume ${letter} (option ${field}); volumes: ${letters.join(', ') || 'none'}` };
}

function nextAvailable(disks: readonly DiskFacts[], targeted: readonly string[]): ResolvedDestination | { error: string } {
  const taken = new Set(targeted.map((t) => normalizeLetter(t) ?? t.toUpperCase()));
  for (const d of [...disks].sort((a, b) => a.index - b.index)) {
    for (const p of [...d.partitions].sort((a, b) => a.number - b.number)) {
      if (SKIPPED_ROLES.has(p.role) || !p.volume?.letter || p.volume.fileSystem === 'RAW') continue;
      const found = usable(d, p, 'next available partition');
      if ('letter' in found && !taken.has(found.letter)) return found;
    }
  }
  return { error: `no formatted partition with a drive letter is left for the next available partition (already targeted: ${[...taken].join(', ') || 'none'}); set a destination` };
}

/**
 * The destination's letter. `readVariable` reads the variable a `variable` destination names; `targeted` are the
 * letters earlier image steps used (from {@link APPLIED_TARGETS_VARIABLE}). Errors name the option.
 */
export function resolveDestination(
  disks: readonly DiskFacts[],
  destination: Destination,
  readVariable: (name: string) => string | undefined,
  targeted: readonly string[],
): ResolvedDestination | { error: string } {
  switch (destination.kind) {
    case 'disk': return byDiskPartition(disks, destination.disk, destination.partition, 'DestinationDisk/DestinationPartition');
    case 'letter': return byLetter(disks, destination.letter, destination.field);
    case 'next': return nextAvailable(disks, targeted);
    case 'variable': {
      const field = `${destination.field} -> ${destination.variable}`;
      const value = readVariable(destination.variable)?.trim();
      if (!value) return { error: `variable ${destination.variable} (option ${destination.field}) is empty; expected a drive letter or disk,partition` };
      const pair = /^(\d+)\s*,\s*(\d+)$/.exec(value);
      if (pair) return byDiskPartition(disks, Number(pair[1]), Number(pair[2]), field);
      const letter = normalizeLetter(value);
      if (letter) return byLetter(disks, letter, field);
      return { error: `variable ${destination.variable} (option ${destination.field}) is "${value}"; expected a drive letter such as C: or disk,partition such as 0,3` };
    }
  }
}

/** The letters in {@link APPLIED_TARGETS_VARIABLE}'s value. */
export function parseTargets(value: string | undefined): string[] {
  return (value ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '');
}
