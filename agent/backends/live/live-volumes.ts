/**
 * The Volumes port of a live backend over the volumes it reaches as folders, with the simulated machine's semantics:
 * paths inside a volume with `\` (or `/`), segments matched case-insensitively as Windows does while new names keep
 * their spelling, `..` and other names that would leave the volume refused, links never followed, `wipe` keeping the
 * top-level entries named. The same host-folder helpers as the simulated volumes do the work, so both agree.
 *
 * Each backend names the file systems it reaches this way: the Linux backend only NTFS (FAT32 cannot be mounted
 * everywhere it runs, containers have no vfat, and the port is synchronous, so it writes FAT32 only through boot
 * files); Windows reaches NTFS and FAT32 alike. A volume of another file system is refused.
 */
import { statfsSync } from 'node:fs';
import { TaskseqError, type FileSystemKind, type VolumesPort } from '../../../engine/index.ts';
import {
  fileSizeOf, findEntry, listNames, putFile, readText, removeEntry, splitVolumePath,
} from '../host-files/volume-files.ts';
import { requireDriveLetter } from '../plan/command-plan.ts';

/** What the volumes object needs to know of a volume. */
export interface VolumeInfo {
  fileSystem: FileSystemKind;
  sizeBytes: number;
}

/** Where the volumes are: the disks' facts and the mounts (both kept by the backend). */
export interface VolumeSource {
  /** The volume with this letter (`C:`), or undefined when none has it. */
  volume(letter: string): VolumeInfo | undefined;
  /** The folder its file system is mounted at, or undefined when it is not mounted. */
  rootOf(letter: string): string | undefined;
  /** The file systems whose files the backend reaches through `rootOf` (RAW volumes are always known). */
  fileSystems: readonly FileSystemKind[];
}

/** Why a volume of `fileSystem` is refused (`cannot use <path> on S: (FAT32): <this>`). */
export function fileSystemRefusal(fileSystem: FileSystemKind): string {
  return `this backend writes files to ${fileSystem} volumes only through boot files`;
}

type Access = { kind: 'files'; root: string; name: string } | { kind: 'raw'; name: string; sizeBytes: number };

function accessOf(source: VolumeSource, letter: string, path: string): Access {
  const name = requireDriveLetter(letter);
  const volume = source.volume(name);
  if (!volume) throw new TaskseqError('unsupported', `no volume ${letter} on this machine`);
  if (volume.fileSystem === 'RAW') return { kind: 'raw', name, sizeBytes: volume.sizeBytes };
  if (!source.fileSystems.includes(volume.fileSystem)) {
    throw new TaskseqError('unsupported', `cannot use ${path || '\\'} on ${name} (${volume.fileSystem}): ${fileSystemRefusal(volume.fileSystem)}`);
  }
  const root = source.rootOf(name);
  if (!root) throw new TaskseqError('unsupported', `volume ${name} is not mounted`);
  return { kind: 'files', root, name };
}

function freeOf(root: string): number {
  const s = statfsSync(root);
  return s.bavail * s.bsize;
}

const isNoSpace = (e: unknown) => (e as NodeJS.ErrnoException).code === 'ENOSPC';

/** The Volumes port over `source`. */
export function createLiveVolumes(source: VolumeSource): VolumesPort {
  return {
    readFile(letter, path) {
      const at = accessOf(source, letter, path);
      return at.kind === 'raw' ? undefined : readText(at.root, splitVolumePath(path));
    },
    writeFile(letter, path, content) {
      const at = accessOf(source, letter, path);
      if (at.kind === 'raw') throw new TaskseqError('unsupported', `cannot write ${path}: volume ${at.name} is not formatted (RAW)`);
      const segments = splitVolumePath(path);
      try {
        putFile(at.root, segments, { content });
      } catch (e) {
        if (!isNoSpace(e)) throw e;
        const free = freeOf(at.root) + fileSizeOf(at.root, segments);
        throw new TaskseqError('unsupported', `volume ${at.name} is full: ${path} needs ${Buffer.byteLength(content)} bytes, ${free} free`, { cause: e });
      }
    },
    exists(letter, path) {
      const at = accessOf(source, letter, path);
      return at.kind === 'files' && findEntry(at.root, splitVolumePath(path)) !== undefined;
    },
    list(letter, folder = '') {
      const at = accessOf(source, letter, folder);
      return at.kind === 'raw' ? [] : listNames(at.root, splitVolumePath(folder));
    },
    wipe(letter, keep) {
      const at = accessOf(source, letter, '');
      if (at.kind === 'raw') return 0;
      const kept = new Set(keep.map((k) => k.toLowerCase()));
      let removed = 0;
      for (const name of listNames(at.root, [])) {
        if (!kept.has(name.toLowerCase()) && removeEntry(at.root, [name])) removed++;
      }
      return removed;
    },
    freeBytes(letter) {
      const at = accessOf(source, letter, '');
      return at.kind === 'raw' ? at.sizeBytes : freeOf(at.root);
    },
  };
}
