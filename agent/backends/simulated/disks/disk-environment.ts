/**
 * Environment facts that follow from the disks: the Windows found at start, the client cache, and where the task
 * sequence keeps its state and logs. In Windows PE the state moves to a local disk as soon as a local (fixed) NTFS
 * volume with a letter exists; with several, the one with the most free space (the first on ties).
 */
import { allVolumes, volumeFolderPath, type StorageState } from './disk-state.ts';
import { findEntry, splitVolumePath, usedBytesOf } from '../../host-files/volume-files.ts';

const WINPE_DATA_PATH = 'X:\\sms\\data';
const WINPE_LOG_PATH = 'X:\\Windows\\Temp\\SMSTSLog';

export interface StateLocation {
  /** False while the state sits on the Windows PE RAM disk (X:), which a restart loses. */
  onLocalDisk: boolean;
  /** `_SMSTSMDataPath`: `C:\_SMSTaskSequence` or `X:\sms\data`. */
  path: string;
  /** `_SMSTSLogPath`. */
  logPath: string;
}

export interface DiskView {
  stateDir: string;
  storage: StorageState;
  inWinPE: boolean;
  /** The installed OS's system drive in the full OS. */
  systemDrive: string;
}

/** Lettered volumes (disk, partition order) holding `path`, as `C:`. */
function lettersHolding(v: DiskView, path: string): string[] {
  return allVolumes(v.storage.disks)
    .filter(({ partition }) => partition.letter && partition.fileSystem !== 'RAW')
    .filter(({ disk, partition }) =>
      findEntry(volumeFolderPath(v.stateDir, disk.index, partition.number), splitVolumePath(path)) !== undefined)
    .map(({ partition }) => partition.letter!);
}

/** In Windows PE: the first volume holding `Windows\System32`. */
export function detectedWindows(v: DiskView): { winDir: string; drive: string } | undefined {
  if (!v.inWinPE) return undefined;
  const drive = lettersHolding(v, 'Windows\\System32')[0];
  return drive ? { winDir: `${drive}\\Windows`, drive } : undefined;
}

/** The ConfigMgr client cache (`Windows\ccmcache`) on any lettered volume. */
export function clientCachePath(v: DiskView): string | undefined {
  const drive = lettersHolding(v, 'Windows\\ccmcache')[0];
  return drive ? `${drive}\\Windows\\ccmcache` : undefined;
}

function stateVolumeLetter(v: DiskView): string | undefined {
  const candidates = allVolumes(v.storage.disks)
    .filter(({ disk, partition }) => !disk.removable && partition.fileSystem === 'NTFS' && partition.letter);
  // Free space needs a walk of the volume's folder: only pay for it when there is a choice to make (this runs after
  // every step).
  if (candidates.length <= 1) return candidates[0]?.partition.letter;
  let best: { letter: string; free: number } | undefined;
  for (const { disk, partition } of candidates) {
    const free = partition.sizeBytes - usedBytesOf(volumeFolderPath(v.stateDir, disk.index, partition.number));
    if (!best || free > best.free) best = { letter: partition.letter!, free };
  }
  return best?.letter;
}

/** Where the task sequence keeps its state and logs now. */
export function stateLocation(v: DiskView): StateLocation {
  const letter = v.inWinPE ? stateVolumeLetter(v) : v.systemDrive;
  if (!letter) return { onLocalDisk: false, path: WINPE_DATA_PATH, logPath: WINPE_LOG_PATH };
  const path = `${letter}\\_SMSTaskSequence`;
  return { onLocalDisk: true, path, logPath: `${path}\\Logs\\Smstslog` };
}
