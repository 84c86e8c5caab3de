/**
 * NTFS volumes of the target disks mounted with ntfs-3g at `<mountRoot>/<letter>` (inside the run's state folder),
 * so the Volumes port reads and writes their files with plain file calls. A volume is unmounted before anything
 * writes its raw device (an image applied in NTFS-3G mode, a format, a new table) and when the backend is disposed.
 */
import { mkdirSync, rmdirSync } from 'node:fs';
import { join } from 'node:path';
import { TaskseqError } from '../../../../engine/index.ts';
import type { RunProcess } from '../../process/process-types.ts';
import { command, requireDriveLetter } from '../../plan/command-plan.ts';
import { executeCommand, firstLines } from './execute-actions.ts';

/** A volume to mount: its letter and where it is. */
export interface VolumeDevice {
  /** `C:` (or `C`). */
  letter: string;
  device: string;
  diskIndex: number;
  partition: number;
}

/** The NTFS mounts of one run. */
export interface Mounts {
  readonly mountRoot: string;
  /**
   * Mounts the volume (ntfs-3g) at `<mountRoot>/<letter>` and returns that folder; a no-op when it is mounted there
   * already. Another device mounted at that letter is unmounted first.
   * @throws TaskseqError('unsupported') naming the command and ntfs-3g's reason when it cannot mount
   */
  mount(volume: VolumeDevice): Promise<string>;
  /** The folder the volume with this letter is mounted at, or undefined. */
  rootOf(letter: string): string | undefined;
  /** What is mounted now, in mount order. */
  mounted(): VolumeDevice[];
  unmount(letter: string): Promise<void>;
  /** Unmounts every volume of one disk (before it is partitioned or formatted). */
  unmountDisk(diskIndex: number): Promise<void>;
  /** Unmounts everything (dispose); all are tried, the first failure is thrown. */
  unmountAll(): Promise<void>;
}

/**
 * `c:` / `C` -> `C`, the name of a volume's mount folder.
 * @throws TaskseqError('invalid-input') for what is not one drive letter
 */
export function letterName(letter: string): string {
  return requireDriveLetter(letter).slice(0, 1);
}

/** How long a busy file system gets before the unmount is tried again. */
const UNMOUNT_RETRY_MS = 500;

/** The mounts under `mountRoot`, through `run`. */
export function createMounts(run: RunProcess, mountRoot: string): Mounts {
  const table = new Map<string, VolumeDevice>();

  async function unmountAt(name: string): Promise<void> {
    const volume = table.get(name);
    if (!volume) return;
    const dir = join(mountRoot, name);
    const tries: string[] = [];
    for (const [attempt, argv] of [['umount', dir], ['umount', dir], ['fusermount', '-u', dir]].entries()) {
      if (attempt > 0) await new Promise((r) => setTimeout(r, UNMOUNT_RETRY_MS));
      const result = await run({ argv });
      if (result.exitCode === 0) {
        table.delete(name);
        rmdirSync(dir);
        return;
      }
      tries.push(`${argv.join(' ')}: ${firstLines(result.stderr) || `exit code ${result.exitCode}`}`);
    }
    throw new TaskseqError('unsupported', `cannot unmount ${name}: (${volume.device} at ${dir}): ${tries.join('; ')}`);
  }

  return {
    mountRoot,
    async mount(volume) {
      const name = letterName(volume.letter);
      const dir = join(mountRoot, name);
      const now = table.get(name);
      if (now?.device === volume.device) return dir;
      if (now) await unmountAt(name);
      mkdirSync(dir, { recursive: true });
      try {
        await executeCommand(run, command(['ntfs-3g', volume.device, dir]));
      } catch (e) {
        rmdirSync(dir);
        throw e;
      }
      table.set(name, { ...volume, letter: `${name}:` });
      return dir;
    },
    rootOf: (letter) => (table.has(letterName(letter)) ? join(mountRoot, letterName(letter)) : undefined),
    mounted: () => [...table.values()],
    unmount: (letter) => unmountAt(letterName(letter)),
    async unmountDisk(diskIndex) {
      for (const [name, v] of [...table]) if (v.diskIndex === diskIndex) await unmountAt(name);
    },
    async unmountAll() {
      const errors: unknown[] = [];
      for (const name of [...table.keys()].reverse()) {
        try {
          await unmountAt(name);
        } catch (e) {
          errors.push(e);
        }
      }
      if (errors.length > 0) throw errors[0];
    },
  };
}
