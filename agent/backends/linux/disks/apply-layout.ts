/**
 * The Linux live backend's Disks port call `apply`: the planner's actions for a layout (sfdisk, then mkfs per
 * formatted partition) run on the target disk, the disk read back with the probe, drive letters given by the rules
 * every backend shares (engine/disks/drive-letters.ts).
 */
import {
  layoutLetters, refuseLayoutProblems, TaskseqError, type AppliedLayout, type DiskFacts, type PartitionLayout,
} from '../../../../engine/index.ts';
import type { RunProcess } from '../../process/process-types.ts';
import type { BlockDevice } from '../block-device.ts';
import { linuxCommandPlanner } from '../linux-command-plan.ts';
import { diskFactsFrom, readBlockDevices } from '../probe/index.ts';
import { executeActions } from './execute-actions.ts';
import { partitionDeviceNames, type PartitionDevices } from './partition-devices.ts';

/** The disk a layout goes to and what its letters depend on. */
export interface LayoutTarget {
  /** The disk as the engine knows it now (its index is the layout's `diskIndex`). */
  facts: DiskFacts;
  devices: PartitionDevices;
  /** Letters other disks' volumes and drives hold now. */
  lettersInUse: ReadonlySet<string>;
  inWinPE: boolean;
  /** Runs before anything writes the disk: its volumes must be unmounted by then. */
  beforeWrite?: () => Promise<void>;
  /** Reads the machine's block devices back; the probe when absent. */
  probe?: (run: RunProcess) => Promise<BlockDevice[]>;
}

/** What applying a layout gave: the letters (as the port reports them) and the disk as read back, letters on it. */
export interface LayoutResult {
  applied: AppliedLayout;
  disk: DiskFacts;
}

/** The disk's facts read back, with the letters of `applied` on its volumes. */
async function readBack(run: RunProcess, target: LayoutTarget, layout: PartitionLayout, applied: AppliedLayout): Promise<DiskFacts> {
  const devices = await (target.probe ?? readBlockDevices)(run);
  const at = devices.findIndex((d) => d.path === target.devices.disk.path);
  if (at < 0) throw new TaskseqError('unsupported', `disk ${layout.diskIndex} (${target.devices.disk.path}) is gone after partitioning`);
  const disk = { ...diskFactsFrom(devices)[at]!, index: layout.diskIndex };
  for (const planned of layout.partitions) {
    const got = disk.partitions.find((p) => p.number === planned.number);
    if (!got || got.offsetBytes !== planned.offsetBytes || got.sizeBytes !== planned.sizeBytes) {
      const seen = got ? `at ${got.offsetBytes} bytes, ${got.sizeBytes} long` : 'missing';
      throw new TaskseqError('unsupported', `disk ${layout.diskIndex} partition ${planned.number}: written at ${planned.offsetBytes} bytes, ${planned.sizeBytes} long, but reads back ${seen}`);
    }
  }
  for (const { number, letter } of applied.letters) {
    const volume = disk.partitions.find((p) => p.number === number)?.volume;
    if (letter && volume) volume.letter = letter;
  }
  return disk;
}

/**
 * Wipes the target disk and writes `layout`: the partition table with sfdisk, then each file system with mkfs,
 * flushing the disk's and the partitions' caches after each (a real disk's kernel re-reads the table after sfdisk).
 * @throws TaskseqError('unsupported') for a layout the disk cannot hold, naming the command line and the first lines
 * of the tool's standard error when a command fails, or when the disk reads back otherwise than written
 */
export async function applyLayout(run: RunProcess, target: LayoutTarget, layout: PartitionLayout): Promise<LayoutResult> {
  if (layout.diskIndex !== target.facts.index) throw new Error(`layout for disk ${layout.diskIndex} handed to disk ${target.facts.index}`);
  const { devices } = target;
  // Before any loop device is attached at a place the disk may not have.
  refuseLayoutProblems(target.facts, layout, ['table']);
  await target.beforeWrite?.();
  await devices.detachAll();
  // The planner names only the partitions it formats.
  for (const p of layout.partitions.filter((x) => x.fileSystem)) await devices.resolve(p);
  const letters = layoutLetters(layout.partitions, new Set(target.lettersInUse), target.inWinPE);
  const names = partitionDeviceNames(new Map([[target.facts.index, devices]]));
  const actions = linuxCommandPlanner(names).partitionDisk(layout, target.facts, new Map(letters.flatMap((l) => (l.letter ? [[l.number, l.letter]] : []))));
  await executeActions(run, actions, {
    afterCommand: async (action) => {
      await devices.flush();
      if (action.argv[0] === 'sfdisk') await devices.tableChanged();
    },
  });
  const applied: AppliedLayout = { diskIndex: layout.diskIndex, letters };
  return { applied, disk: await readBack(run, target, layout, applied) };
}
