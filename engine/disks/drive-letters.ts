/**
 * Drive letters as Windows gives them, for every backend. Windows PE gives existing volumes letters at boot in disk
 * and partition order from C: upward (X: is its RAM disk; fixed optical drive letters are skipped); the installed
 * Windows keeps letters and gives its own volume the system drive letter. EFI, MSR, Recovery and hidden partitions
 * never get one; MSR and Extended partitions hold no volume at all. The rules read a small structural shape, so a
 * backend's own disk records fit; the `assign*` functions set `letter` on the records they are given.
 */
import type { AppliedLayout, PartitionLayout, PartitionRole } from '../ports/disks.ts';

/** A partition as the letter rules see it. */
export interface LetterPartition {
  number: number;
  role: PartitionRole;
  /** `C:`; absent = no letter now. */
  letter?: string;
  /** A letter this volume always gets (a machine profile may fix one). */
  fixedLetter?: string;
}

/** A disk as the letter rules see it. */
export interface LetterDisk {
  index: number;
  partitions: LetterPartition[];
}

/** An optical drive: it takes the next free letter after the volumes unless it has a fixed one. */
export interface LetterDrive {
  letter: string;
  fixedLetter?: string;
}

const LETTERS = 'CDEFGHIJKLMNOPQRSTUVWXYZ'.split('').map((l) => `${l}:`);

/** Roles that never get a drive letter (and Extended, which holds no volume at all). */
const NO_LETTER_ROLES: ReadonlySet<PartitionRole> = new Set(['EFI', 'MSR', 'Recovery', 'Extended', 'Hidden']);

/** Whether a partition of this role holds a volume (something that can be formatted and hold files). */
export function roleHoldsVolume(role: PartitionRole): boolean {
  return role !== 'Extended' && role !== 'MSR';
}

/** Whether Windows gives the volume of a partition of this role a drive letter. */
export function roleTakesLetter(role: PartitionRole): boolean {
  return !NO_LETTER_ROLES.has(role);
}

/** The first letter from C: that is not in `used` (and not X: in Windows PE); undefined when all are taken. */
export function nextFreeLetter(used: ReadonlySet<string>, inWinPE: boolean): string | undefined {
  return LETTERS.find((l) => !used.has(l) && !(inWinPE && l === 'X:'));
}

/** Every volume with its disk, in disk then partition order: the order Windows gives letters in. */
export function volumesInOrder<D extends LetterDisk>(disks: readonly D[]): Array<{ disk: D; partition: D['partitions'][number] }> {
  return [...disks].sort((a, b) => a.index - b.index)
    .flatMap((disk) => disk.partitions.filter((p) => roleHoldsVolume(p.role)).map((partition) => ({ disk, partition })));
}

/** Letters held right now by volumes and optical drives (optionally ignoring one disk's volumes). */
export function lettersInUse(disks: readonly LetterDisk[], optical: readonly LetterDrive[], exceptDisk?: number): Set<string> {
  const used = new Set<string>(optical.map((o) => o.letter).filter(Boolean));
  for (const { disk, partition } of volumesInOrder(disks)) {
    if (disk.index !== exceptDisk && partition.letter) used.add(partition.letter);
  }
  return used;
}

/**
 * The letters a freshly applied layout gets, in layout order: each partition that asks for one (`assignLetter`) and
 * whose role takes one gets the next letter not in `used` (which grows with them); the others get none.
 */
export function layoutLetters(
  partitions: PartitionLayout['partitions'], used: Set<string>, inWinPE: boolean,
): AppliedLayout['letters'] {
  return partitions.map((p) => {
    const letter = p.assignLetter && roleTakesLetter(p.role) ? nextFreeLetter(used, inWinPE) : undefined;
    if (!letter) return { number: p.number };
    used.add(letter);
    return { number: p.number, letter };
  });
}

/** Optical drives without a fixed letter take the next free letters after the volumes; never C:. */
function assignOptical(optical: LetterDrive[], used: Set<string>, inWinPE: boolean): void {
  for (const o of optical.filter((d) => !d.fixedLetter)) {
    o.letter = nextFreeLetter(new Set([...used, 'C:']), inWinPE) ?? '';
    used.add(o.letter);
  }
}

/**
 * Letters as Windows PE assigns them at boot: fixed letters first, then every volume that takes a letter in disk and
 * partition order, then optical drives without a fixed letter. Sets `letter` on the records given.
 */
export function assignWinPELetters(disks: LetterDisk[], optical: LetterDrive[]): void {
  const used = new Set<string>();
  for (const o of optical) if (o.fixedLetter) used.add((o.letter = o.fixedLetter));
  const volumes = volumesInOrder(disks);
  for (const { partition } of volumes) {
    delete partition.letter;
    if (partition.fixedLetter && roleTakesLetter(partition.role)) used.add((partition.letter = partition.fixedLetter));
  }
  for (const { partition } of volumes) {
    if (partition.letter || !roleTakesLetter(partition.role)) continue;
    const letter = nextFreeLetter(used, true);
    if (letter) used.add((partition.letter = letter));
  }
  assignOptical(optical, used, true);
}

/**
 * Letters as the installed Windows shows them: its own volume (`windowsVolume`, disk and partition) gets
 * `systemDrive`, a volume that had that letter moves to the next free one, others keep theirs, and volumes without
 * one get the next free letter. Sets `letter` on the records given.
 */
export function assignFullOsLetters(
  disks: LetterDisk[], optical: LetterDrive[], systemDrive: string,
  windowsVolume: { disk: number; partition: number } | undefined,
): void {
  const volumes = volumesInOrder(disks);
  const isWindows = (d: LetterDisk, p: { number: number }) =>
    windowsVolume !== undefined && d.index === windowsVolume.disk && p.number === windowsVolume.partition;
  const used = new Set<string>(optical.filter((o) => o.letter).map((o) => o.letter));
  if (windowsVolume) used.add(systemDrive);
  for (const { disk, partition } of volumes) {
    if (isWindows(disk, partition)) partition.letter = systemDrive;
    else if (!roleTakesLetter(partition.role) || partition.letter === systemDrive && windowsVolume) delete partition.letter;
    else if (partition.letter && used.has(partition.letter)) delete partition.letter;
    if (partition.letter) used.add(partition.letter);
  }
  for (const { partition } of volumes) {
    if (partition.letter || !roleTakesLetter(partition.role)) continue;
    const letter = nextFreeLetter(used, false);
    if (letter) used.add((partition.letter = letter));
  }
  assignOptical(optical.filter((o) => !o.letter), used, false);
}
