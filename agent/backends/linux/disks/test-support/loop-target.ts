/**
 * A target disk for the Linux disk loop tests: the partition devices and mounts of a loop disk made by
 * `withLoopDisk`, taken down (unmounted, then detached) whatever the test does.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { runProcess } from '../../../process/run-process.ts';
import type { BlockDevice } from '../../block-device.ts';
import { readBlockDevices } from '../../probe/index.ts';
import { loopBlockDevice, type LoopDisk } from '../../../../../test/support/loop-device.ts';
import { createMounts, type Mounts } from '../mounts.ts';
import { createPartitionDevices, type PartitionDevices } from '../partition-devices.ts';

/** Tools the loop tests need besides losetup. */
export const LOOP_TEST_TOOLS = ['sfdisk', 'mkfs.fat', 'mkfs.ntfs', 'ntfs-3g', 'ntfsinfo', 'ntfsls', 'fsck.fat', 'fatlabel', 'blockdev', 'blkid', 'lsblk'];

/** The tools of {@link LOOP_TEST_TOOLS} not on this machine. */
export function missingTools(): string[] {
  return LOOP_TEST_TOOLS.filter((tool) => {
    try {
      execFileSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore', env: { ...process.env, PATH: `${process.env.PATH}:/usr/sbin:/sbin` } });
      return false;
    } catch {
      return true;
    }
  });
}

export interface LoopTarget {
  block: BlockDevice;
  devices: PartitionDevices;
  mounts: Mounts;
}

/**
 * Other work attaches and detaches loop devices while the probe runs: a device that vanished mid-probe is retried.
 */
export async function probeUntilStable(): Promise<BlockDevice[]> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await readBlockDevices(runProcess);
    } catch (err) {
      if (attempt === 3) throw err;
    }
  }
}

/** Runs `use` over the loop disk's target; afterwards every mount is unmounted and every partition loop detached. */
export async function withLoopTarget<T>(disk: LoopDisk, use: (t: LoopTarget) => Promise<T>): Promise<T> {
  const block = loopBlockDevice(disk.path);
  const devices = createPartitionDevices(runProcess, block);
  const mounts = createMounts(runProcess, join(disk.folder, 'mnt'));
  const errors: unknown[] = [];
  let result: T | undefined;
  try {
    result = await use({ block, devices, mounts });
  } catch (e) {
    errors.push(e);
  }
  for (const step of [() => mounts.unmountAll(), () => devices.detachAll()]) {
    try {
      await step();
    } catch (e) {
      errors.push(e);
    }
  }
  if (errors.length === 1) throw errors[0];
  if (errors.length > 1) throw new AggregateError(errors, errors.map((e) => (e as Error).message).join('; and then: '));
  return result as T;
}
