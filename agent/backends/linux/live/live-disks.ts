/**
 * The target disks of a live run as the engine sees them: their facts (re-read after every change, letters given as
 * Windows PE gives them), the device of each partition, and the NTFS volumes mounted for file access. A volume is
 * mounted whenever nothing writes its raw device: the synchronous Volumes port reads and writes through the mount.
 */
import { statfsSync } from 'node:fs';
import {
  assignWinPELetters, lettersInUse, TaskseqError, type AppliedLayout, type DiskFacts, type PartitionFacts,
  type PartitionLayout,
} from '../../../../engine/index.ts';
import { volumeByLetter, type DeviceNames } from '../../plan/command-plan.ts';
import type { RunProcess } from '../../process/process-types.ts';
import type { BlockDevice } from '../block-device.ts';
import { applyLayout } from '../disks/apply-layout.ts';
import { createMounts, type Mounts } from '../disks/mounts.ts';
import { createPartitionDevices, partitionDeviceNames, type PartitionDevices } from '../disks/partition-devices.ts';
import { diskFactsFrom } from '../probe/index.ts';

/** A disk the run may change, with the number the sequence knows it by. */
export interface LiveTarget {
  index: number;
  device: BlockDevice;
}

/** A volume of a target disk, found by its letter. */
export interface LiveVolume {
  letter: string;
  disk: DiskFacts;
  partition: PartitionFacts;
  /** Its block device (a loop over its bytes where the kernel made no node). */
  device: string;
}

export interface LiveDisks {
  list(): DiskFacts[];
  apply(layout: PartitionLayout): Promise<AppliedLayout>;
  /** The volume with this letter (`C:` or `C`), its device resolved; undefined when none has it. */
  volume(letter: string): Promise<LiveVolume | undefined>;
  /** Host folder of the mounted volume with this letter, or undefined. */
  rootOf(letter: string): string | undefined;
  /** Unmounts the volume while `work` writes its device, then mounts it again (also when `work` fails). */
  withRawVolume<T>(volume: LiveVolume, work: () => Promise<T>): Promise<T>;
  /** Resolves the device of every partition that holds a volume (boot files address the ESP, which has no letter). */
  resolveAll(): Promise<void>;
  /** The real device names of the target disks and of every partition resolved so far. */
  names(): DeviceNames;
  /** Unmounts everything and detaches every loop device the run attached; all are tried. */
  dispose(): Promise<void>;
}

interface TargetState {
  index: number;
  devices: PartitionDevices;
  facts: DiskFacts;
}

/**
 * Reads the targets' facts, gives their volumes letters and mounts their NTFS volumes under `mountRoot`.
 * @throws TaskseqError naming the command when a volume cannot be mounted (everything attached is released first)
 */
export async function openLiveDisks(run: RunProcess, targets: readonly LiveTarget[], mountRoot: string, log: (line: string) => void): Promise<LiveDisks> {
  const states: TargetState[] = targets.map((t) => ({
    index: t.index, devices: createPartitionDevices(run, t.device, { log }), facts: { ...diskFactsFrom([t.device])[0]!, index: t.index },
  }));
  giveLetters(states);
  const mounts = createMounts(run, mountRoot);
  const disks = liveDisks(run, states, mounts);
  try {
    for (const state of states) await mountVolumes(state, mounts);
  } catch (e) {
    await disks.dispose().catch(() => undefined);
    throw e;
  }
  return disks;
}

/** Windows PE's letters over the targets' volumes (the only disks the run sees). */
function giveLetters(states: TargetState[]): void {
  const records = states.map((s) => ({ index: s.index, partitions: s.facts.partitions.filter((p) => p.volume).map((p) => ({ number: p.number, role: p.role, letter: p.volume?.letter })) }));
  assignWinPELetters(records, []);
  for (const [i, record] of records.entries()) {
    for (const p of record.partitions) {
      const volume = states[i]!.facts.partitions.find((x) => x.number === p.number)?.volume;
      if (volume) volume.letter = p.letter;
    }
  }
}

async function mountVolumes(state: TargetState, mounts: Mounts): Promise<void> {
  for (const p of state.facts.partitions) {
    const letter = p.volume?.letter;
    if (!letter || p.volume?.fileSystem !== 'NTFS') continue;
    await mounts.mount({ letter, device: await state.devices.resolve(p), diskIndex: state.index, partition: p.number });
  }
}

/**
 * How full each mounted volume is, from its file system (`statfs` of the ntfs-3g mount): the probe does not measure
 * it, and free-space conditions (`Win32_LogicalDisk.FreeSpace`) and the capture log need it. A volume that is not
 * mounted keeps the probe's 0.
 */
function withUsedBytes(disk: DiskFacts, rootOf: (letter: string) => string | undefined): DiskFacts {
  for (const p of disk.partitions) {
    const root = p.volume?.letter ? rootOf(p.volume.letter) : undefined;
    if (!p.volume || !root) continue;
    try {
      const st = statfsSync(root);
      p.volume.usedBytes = Math.max(0, (st.blocks - st.bfree) * st.bsize);
    } catch {
      // Unmounted at this moment (a capture runs on the raw device): the probe's 0 stands.
    }
  }
  return disk;
}

function liveDisks(run: RunProcess, states: TargetState[], mounts: Mounts): LiveDisks {
  const stateOf = (index: number): TargetState => {
    const s = states.find((x) => x.index === index);
    if (!s) throw new TaskseqError('unsupported', `disk ${index} is not a target disk of this run (name it with --target-disk)`);
    return s;
  };
  const find = (letter: string) => {
    const found = volumeByLetter(states.map((s) => s.facts), letter);
    return found && { state: stateOf(found.disk.index), partition: found.partition, letter: found.letter };
  };
  return {
    list: () => states.map((s) => withUsedBytes(structuredClone(s.facts), (letter) => mounts.rootOf(letter))),
    async apply(layout) {
      const state = stateOf(layout.diskIndex);
      const others = states.filter((s) => s !== state).map((s) => ({ index: s.index, partitions: s.facts.partitions.map((p) => ({ number: p.number, role: p.role, letter: p.volume?.letter })) }));
      const result = await applyLayout(run, {
        facts: state.facts, devices: state.devices, lettersInUse: lettersInUse(others, []), inWinPE: true,
        beforeWrite: () => mounts.unmountDisk(state.index),
      }, layout);
      state.facts = result.disk;
      await mountVolumes(state, mounts);
      return result.applied;
    },
    async volume(letter) {
      const found = find(letter);
      if (!found) return undefined;
      return { letter: found.letter, disk: found.state.facts, partition: found.partition, device: await found.state.devices.resolve(found.partition) };
    },
    rootOf: (letter) => mounts.rootOf(letter),
    async withRawVolume(volume, work) {
      const state = stateOf(volume.disk.index);
      await mounts.unmount(volume.letter);
      try {
        return await work();
      } finally {
        await state.devices.flush();
        if (volume.partition.volume?.fileSystem === 'NTFS') {
          await mounts.mount({ letter: volume.letter, device: volume.device, diskIndex: state.index, partition: volume.partition.number });
        }
      }
    },
    async resolveAll() {
      for (const s of states) for (const p of s.facts.partitions.filter((x) => x.volume)) await s.devices.resolve(p);
    },
    names: () => partitionDeviceNames(new Map(states.map((s) => [s.index, s.devices]))),
    async dispose() {
      const failures: unknown[] = [];
      await mounts.unmountAll().catch((e: unknown) => failures.push(e));
      for (const s of states) await s.devices.detachAll().catch((e: unknown) => failures.push(e));
      if (failures.length) throw failures[0];
    },
  };
}
