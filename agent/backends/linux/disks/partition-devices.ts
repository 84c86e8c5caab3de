/**
 * The device a command reads and writes for one partition of a target disk. A real machine has the kernel's node
 * (`/dev/sda1`, `/dev/nvme0n1p1`) once the table has been re-read; containers and CI have no partition scanning, so
 * the partition is reached through a loop device of its own over the disk device (`losetup --offset --sizelimit`).
 *
 * A loop device and the disk it lies on have separate buffer caches: what mkfs wrote through the partition's loop is
 * not what a read of the disk sees until both are flushed (`blockdev --flushbufs`), so callers flush between phases.
 */
import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { TaskseqError } from '../../../../engine/index.ts';
import type { RunProcess } from '../../process/process-types.ts';
import { command, type DeviceNames } from '../../plan/command-plan.ts';
import type { BlockDevice } from '../block-device.ts';
import { executeCommand, firstLines } from './execute-actions.ts';

/** Where a partition lies on its disk, in bytes. */
export interface PartitionPlace {
  number: number;
  offsetBytes: number;
  sizeBytes: number;
}

/** What the kernel says of a partition node; injectable so tests describe any machine. */
export interface KernelNodes {
  /** Start and size of the block device `path` when it exists and is a partition, else undefined. */
  placeOf(path: string): { startBytes: number; sizeBytes: number } | undefined;
}

/** The kernel's nodes as `/dev` and sysfs show them (sysfs counts in 512-byte units whatever the sector size). */
export const SYSFS_NODES: KernelNodes = {
  placeOf(path) {
    try {
      if (!statSync(path).isBlockDevice()) return undefined;
      const sys = `/sys/class/block/${basename(path)}`;
      const read = (name: string) => Number(readFileSync(`${sys}/${name}`, 'utf8').trim()) * 512;
      return { startBytes: read('start'), sizeBytes: read('size') };
    } catch {
      return undefined;
    }
  },
};

/** The partition devices of one target disk. */
export interface PartitionDevices {
  readonly disk: BlockDevice;
  /** The partition's device: the kernel's node when it has this place, else a loop attached now. Cached. */
  resolve(place: PartitionPlace): Promise<string>;
  /**
   * The device {@link resolve} gave for this place.
   * @throws Error when it was not resolved first (a programming error: the planner's names are synchronous)
   */
  pathOf(place: PartitionPlace): string;
  /** Flushes the buffer caches of the disk and of every partition device given out since the last detach. */
  flush(): Promise<void>;
  /**
   * After a new table: asks the kernel of a real disk to re-read it (`partx --update`; a failure is only logged) and
   * forgets the devices given out, so later ones are the kernel's new nodes; loops stay attached for the commands
   * already planned over them. Loop disks (no partition scanning) are left alone.
   */
  tableChanged(): Promise<void>;
  /**
   * Detaches every loop device attached here (all are tried) and forgets every device given out.
   * @throws TaskseqError('unsupported') naming those that could not be detached
   */
  detachAll(): Promise<void>;
}

export interface PartitionDevicesOptions {
  kernel?: KernelNodes;
  /** Receives what went wrong without failing the run (a table the kernel did not re-read). */
  log?: (message: string) => void;
}

/** `/dev/sda` + 1 -> `/dev/sda1`; a name ending in a digit takes `p` first (`/dev/nvme0n1p1`, `/dev/loop3p1`). */
export function kernelNodeOf(diskPath: string, number: number): string {
  return /\d$/.test(diskPath) ? `${diskPath}p${number}` : `${diskPath}${number}`;
}

const keyOf = (p: PartitionPlace) => `${p.number}@${p.offsetBytes}+${p.sizeBytes}`;

/** The partition devices of `disk`, attaching loop devices through `run` where the kernel made no node. */
export function createPartitionDevices(run: RunProcess, disk: BlockDevice, options: PartitionDevicesOptions = {}): PartitionDevices {
  const kernel = options.kernel ?? SYSFS_NODES;
  const given = new Map<string, string>();
  // Every device handed out since the last detach, flushed even after a new table made the cache forget it.
  const handedOut = new Set<string>();
  const loops: string[] = [];
  const sectorArgs = disk.logicalSectorSize !== 512 ? ['--sector-size', String(disk.logicalSectorSize)] : [];

  // A loop disk's partition is attached over the disk's own backing file, not over the loop device: a loop stacked
  // on a loop sends every write through two block layers (measured: applying 1 GiB took twice as long).
  const under = disk.backing ? { path: disk.backing.file, base: disk.backing.offsetBytes } : { path: disk.path, base: 0 };

  async function attach(place: PartitionPlace): Promise<string> {
    const argv = ['losetup', '--find', '--show', '--offset', String(under.base + place.offsetBytes), '--sizelimit', String(place.sizeBytes), ...sectorArgs, under.path];
    const path = (await executeCommand(run, command(argv))).stdout.trim();
    if (!path.startsWith('/dev/')) throw new TaskseqError('unsupported', `${argv.join(' ')} printed no loop device: ${firstLines(path) || 'nothing'}`);
    loops.push(path);
    return path;
  }

  return {
    disk,
    async resolve(place) {
      const known = given.get(keyOf(place));
      if (known) return known;
      const node = kernelNodeOf(disk.path, place.number);
      const seen = kernel.placeOf(node);
      const path = seen && seen.startBytes === place.offsetBytes && seen.sizeBytes === place.sizeBytes ? node : await attach(place);
      given.set(keyOf(place), path);
      handedOut.add(path);
      return path;
    },
    pathOf(place) {
      const path = given.get(keyOf(place));
      if (!path) throw new Error(`partition ${place.number} of ${disk.path} has no device yet: resolve it before naming it`);
      return path;
    },
    async flush() {
      await executeCommand(run, command(['blockdev', '--flushbufs', disk.path, ...handedOut]));
    },
    async tableChanged() {
      if (disk.kind !== 'disk') return;
      given.clear();
      const argv = ['partx', '--update', disk.path];
      const result = await run({ argv });
      if (result.exitCode !== 0) options.log?.(`${argv.join(' ')} failed with exit code ${result.exitCode}: ${firstLines(result.stderr) || 'no error output'}; partitions are reached through loop devices`);
    },
    async detachAll() {
      const failed: string[] = [];
      for (const loop of loops.splice(0).reverse()) {
        const result = await run({ argv: ['losetup', '--detach', loop] });
        if (result.exitCode !== 0) failed.push(`${loop} (${firstLines(result.stderr) || `exit code ${result.exitCode}`})`);
      }
      given.clear();
      handedOut.clear();
      if (failed.length > 0) throw new TaskseqError('unsupported', `could not detach the partition loop devices of ${disk.path}: ${failed.join(', ')}`);
    },
  };
}

/**
 * The planner's names over the partition devices of the target disks (by disk index): the disk's own path, and the
 * device each partition was resolved to.
 * @throws Error from `partition` for a disk that is not a target or a partition not resolved first
 */
export function partitionDeviceNames(targets: ReadonlyMap<number, PartitionDevices>): DeviceNames {
  const of = (index: number) => {
    const devices = targets.get(index);
    if (!devices) throw new Error(`disk ${index} is not a target disk of this run`);
    return devices;
  };
  return {
    disk: (d) => of(d.index).disk.path,
    partition: (d, p) => of(d.index).pathOf(p),
  };
}
