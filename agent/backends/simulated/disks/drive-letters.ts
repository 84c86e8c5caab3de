/**
 * Drive letters of the simulated machine. Windows PE gives existing volumes letters at boot in disk and partition
 * order from C: upward (X: is its RAM disk; fixed optical drive letters are skipped); the installed Windows keeps
 * letters and gives its own volume the system drive letter. EFI, MSR, Recovery and hidden partitions never get one.
 */
import { allVolumes, takesLetter, type DiskState, type OpticalDriveState } from './disk-state.ts';

const LETTERS = 'CDEFGHIJKLMNOPQRSTUVWXYZ'.split('').map((l) => `${l}:`);

/** The first letter from C: that is not in `used` (and not X: in Windows PE); undefined when all are taken. */
export function nextFreeLetter(used: ReadonlySet<string>, inWinPE: boolean): string | undefined {
  return LETTERS.find((l) => !used.has(l) && !(inWinPE && l === 'X:'));
}

/** Letters held right now by volumes and optical drives (optionally ignoring one disk's volumes). */
export function lettersInUse(disks: readonly DiskState[], optical: readonly OpticalDriveState[], exceptDisk?: number): Set<string> {
  const used = new Set<string>(optical.map((o) => o.letter).filter(Boolean));
  for (const { disk, partition } of allVolumes(disks)) {
    if (disk.index !== exceptDisk && partition.letter) used.add(partition.letter);
  }
  return used;
}

/** Optical drives without a fixed letter take the next free letters after the volumes; never C:. */
function assignOptical(optical: OpticalDriveState[], used: Set<string>, inWinPE: boolean): void {
  for (const o of optical.filter((d) => !d.fixedLetter)) {
    o.letter = nextFreeLetter(new Set([...used, 'C:']), inWinPE) ?? '';
    used.add(o.letter);
  }
}

/**
 * Letters as Windows PE assigns them at boot: fixed letters of the profile first, then every volume that takes a
 * letter in disk and partition order, then optical drives without a fixed letter. Mutates the state.
 */
export function assignWinPELetters(disks: DiskState[], optical: OpticalDriveState[]): void {
  const used = new Set<string>();
  for (const o of optical) if (o.fixedLetter) used.add((o.letter = o.fixedLetter));
  const volumes = allVolumes(disks);
  for (const { partition } of volumes) {
    delete partition.letter;
    if (partition.fixedLetter && takesLetter(partition)) used.add((partition.letter = partition.fixedLetter));
  }
  for (const { partition } of volumes) {
    if (partition.letter || !takesLetter(partition)) continue;
    const letter = nextFreeLetter(used, true);
    if (letter) used.add((partition.letter = letter));
  }
  assignOptical(optical, used, true);
}

/**
 * Letters as the installed Windows shows them: its own volume (`windowsVolume`, disk and partition) gets
 * `systemDrive`, a volume that had that letter moves to the next free one, others keep theirs, and volumes without
 * one get the next free letter. Mutates the state.
 */
export function assignFullOsLetters(
  disks: DiskState[], optical: OpticalDriveState[], systemDrive: string,
  windowsVolume: { disk: number; partition: number } | undefined,
): void {
  const volumes = allVolumes(disks);
  const isWindows = (d: DiskState, p: { number: number }) =>
    windowsVolume !== undefined && d.index === windowsVolume.disk && p.number === windowsVolume.partition;
  const used = new Set<string>(optical.filter((o) => o.letter).map((o) => o.letter));
  if (windowsVolume) used.add(systemDrive);
  for (const { disk, partition } of volumes) {
    if (isWindows(disk, partition)) partition.letter = systemDrive;
    else if (!takesLetter(partition) || partition.letter === systemDrive && windowsVolume) delete partition.letter;
    else if (partition.letter && used.has(partition.letter)) delete partition.letter;
    if (partition.letter) used.add(partition.letter);
  }
  for (const { partition } of volumes) {
    if (partition.letter || !takesLetter(partition)) continue;
    const letter = nextFreeLetter(used, false);
    if (letter) used.add((partition.letter = letter));
  }
  assignOptical(optical.filter((o) => !o.letter), used, false);
}
