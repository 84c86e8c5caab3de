/**
 * The file-system rules of the simulated volumes, as an API on the machine (steps that write files go through it):
 * FAT32 holds no file of 4 GiB or more, a volume holds no more than its size, a RAW volume holds nothing.
 */
import { exceedsFileLimit, TaskseqError } from '../../../../engine/index.ts';
import {
  allVolumes, normalizeLetter, renderSize, volumeFolderPath, volumeId, type DiskState, type PartitionState,
  type StorageState,
} from './disk-state.ts';
import {
  fileSizeOf, findEntry, listNames, putFile, putFolder, readText, removeEntry, splitVolumePath, usedBytesOf,
} from '../../host-files/volume-files.ts';


export interface StorageHost {
  stateDir: string;
  storage(): StorageState;
  inWinPE(): boolean;
  /** Persists the machine state. */
  save(): void;
}

/** A volume found by letter or id, with its host folder. */
export interface VolumeRef {
  disk: DiskState;
  partition: PartitionState;
  root: string;
  /** `C:` or `disk0-part3`, for messages. */
  name: string;
}

/** Files of the simulated volumes. `volume` is a drive letter (`C:`, `c`) or a volume id (`disk0-part3`). */
export interface SimulatedVolumes {
  /**
   * Writes a text file or a (sparse) file of `sizeBytes`, creating folders.
   * @throws TaskseqError('unsupported') for a RAW volume, a file of 4 GiB or more on FAT32, or a volume that is full
   */
  writeFile(volume: string, path: string, data: { sizeBytes: number } | { content: string }): void;
  createFolder(volume: string, path: string): void;
  readFile(volume: string, path: string): string | undefined;
  exists(volume: string, path: string): boolean;
  /** Removes a file or folder; false when it did not exist. */
  remove(volume: string, path: string): boolean;
  /** Names in a folder of the volume (`''` = its root). */
  list(volume: string, folder?: string): string[];
  /** Bytes used by files. */
  usedBytes(volume: string): number;
  /**
   * The volume by letter or id.
   * @throws TaskseqError('unsupported') when there is none
   */
  find(volume: string): VolumeRef;
}

/** The volume with this letter or id, or undefined. */
export function lookupVolume(host: StorageHost, volume: string): VolumeRef | undefined {
  const letter = normalizeLetter(volume);
  const id = volume.trim().toLowerCase();
  const hit = allVolumes(host.storage().disks).find(({ disk, partition }) =>
    (letter !== undefined && partition.letter === letter) || volumeId(disk.index, partition.number) === id);
  if (!hit) return undefined;
  const { disk, partition } = hit;
  return {
    disk, partition, root: volumeFolderPath(host.stateDir, disk.index, partition.number),
    name: partition.letter ?? volumeId(disk.index, partition.number),
  };
}

function find(host: StorageHost, volume: string): VolumeRef {
  const ref = lookupVolume(host, volume);
  if (!ref) throw new TaskseqError('unsupported', `no volume ${volume} on this machine`);
  return ref;
}

function checkWrite(ref: VolumeRef, path: string, newSize: number, oldSize: number): void {
  const fs = ref.partition.fileSystem;
  if (fs === 'RAW') {
    throw new TaskseqError('unsupported', `cannot write ${path}: volume ${ref.name} is not formatted (RAW)`);
  }
  if (exceedsFileLimit(fs, newSize)) {
    throw new TaskseqError('unsupported',
      `cannot write ${path} (${renderSize(newSize)}) to ${ref.name}: FAT32 cannot hold a file of 4 GiB or more`);
  }
  const free = ref.partition.sizeBytes - usedBytesOf(ref.root) + oldSize;
  if (newSize > free) {
    throw new TaskseqError('unsupported', `volume ${ref.name} is full: ${path} needs ${renderSize(newSize)}, `
      + `${renderSize(Math.max(0, free))} free of ${renderSize(ref.partition.sizeBytes)}`);
  }
}

/** The volume API over the machine's storage. */
export function createSimulatedVolumes(host: StorageHost): SimulatedVolumes {
  const segments = (path: string) => splitVolumePath(path);
  return {
    writeFile(volume, path, data) {
      const ref = find(host, volume);
      const size = 'content' in data ? Buffer.byteLength(data.content) : data.sizeBytes;
      checkWrite(ref, path, size, fileSizeOf(ref.root, segments(path)));
      putFile(ref.root, segments(path), data);
    },
    createFolder(volume, path) {
      const ref = find(host, volume);
      if (ref.partition.fileSystem === 'RAW') checkWrite(ref, path, 0, 0);
      putFolder(ref.root, segments(path));
    },
    readFile: (volume, path) => readText(find(host, volume).root, segments(path)),
    exists: (volume, path) => findEntry(find(host, volume).root, segments(path)) !== undefined,
    remove: (volume, path) => removeEntry(find(host, volume).root, segments(path)),
    list: (volume, folder = '') => listNames(find(host, volume).root, segments(folder)),
    usedBytes: (volume) => usedBytesOf(find(host, volume).root),
    find: (volume) => find(host, volume),
  };
}
