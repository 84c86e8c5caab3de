/**
 * The BIOS half of the Linux backend's boot files: the boot manager files and a BIOS BCD store onto the active NTFS
 * system partition (mounted by the backend), and the boot code that starts them from the live system's GRUB package
 * (see grub-boot-code.ts). The planner has refused a GPT disk, a disk without an active partition and a system
 * partition that is not NTFS; the rest is checked here before anything is written to the disk.
 */
import { findBiosBootDisk, type BootFilesRequest, type DiskFacts, type PartitionFacts } from '../../../../engine/index.ts';
import { renderBcdStore, type BcdStoreSpec } from '../../../formats/bcd/index.ts';
import type { PlannedAction, PlannedCommand } from '../../plan/command-plan.ts';
import type { RunProcess } from '../../process/process-types.ts';
import type { BootFilesMachine } from './boot-files-machine.ts';
import { plannedCommand, refuse } from './boot-store.ts';
import { GRUB_BIOS_SETUP, bootGapBytes } from './grub-boot-code.ts';
import { installBootCode, prepareBootCode, type BootCodeCommands, type PreparedBootCode } from './install-boot-code.ts';
import { findPcatSource, writeSystemPartitionFiles, type PcatSource } from './pcat-files.ts';
import type { WindowsFolder } from './windows-folder.ts';

/** Where the BIOS files go and what they are copied from, checked before anything runs. */
export interface BiosTarget {
  disk: DiskFacts;
  system: PartitionFacts;
  /** The disk's device, which the boot code is written to. */
  diskDevice: string;
  /** The mounted system partition on the host. */
  systemRoot: string;
  source: PcatSource;
}

/** What the BIOS half wrote. */
export interface BiosBootFilesResult {
  /** Paths on the system partition: `bootmgr`, `Boot\BCD`, ... */
  files: string[];
  store: BcdStoreSpec;
  /** The size of the core image put in the gap before the first partition. */
  coreBytes: number;
}

/**
 * The checks of the BIOS half, before anything runs.
 * @throws TaskseqError('unsupported') for a Windows folder without `Boot\PCAT\bootmgr`, a `systemDrive` that is not
 *   the active partition, or an active partition that is not mounted
 */
export function checkBios(machine: BootFilesMachine, request: BootFilesRequest, windows: WindowsFolder): BiosTarget {
  const source = findPcatSource(windows.hostPath, request.windowsPath);
  const boot = findBiosBootDisk(machine.disks);
  const system = boot?.partition ?? refuse('cannot write BIOS boot files: the boot disk has no active partition');
  const where = `the active partition (disk ${boot!.disk.index} partition ${system.number})`;
  const letter = system.volume?.letter;
  if (request.systemDrive !== undefined) {
    const want = request.systemDrive.trim().toUpperCase().replace(/\\$/, '');
    if (letter?.toUpperCase() !== want) refuse(`cannot write boot files to ${request.systemDrive}, which is not ${where}`);
  }
  const systemRoot = (letter && machine.volumeRoot?.(letter)) || refuse(`cannot write BIOS boot files: ${where} is not mounted`);
  return { disk: boot!.disk, system, diskDevice: machine.names.disk(boot!.disk), systemRoot, source };
}

function planned(actions: readonly PlannedAction[], program: string): PlannedCommand {
  return plannedCommand(actions, program) ?? refuse(`cannot write BIOS boot files: the plan has no ${program}`);
}

/** The boot code's commands in the plan. */
function bootCodeCommands(actions: readonly PlannedAction[]): BootCodeCommands {
  return { mount: planned(actions, 'mount'), mkimage: planned(actions, 'grub-mkimage'), setup: planned(actions, GRUB_BIOS_SETUP), unmount: planned(actions, 'umount') };
}

/**
 * Makes the core image and checks that it fits the disk's gap: the first of the BIOS writes, before any file is
 * written to a boot partition.
 */
export function prepareBios(run: RunProcess, machine: BootFilesMachine, actions: readonly PlannedAction[], target: BiosTarget): Promise<PreparedBootCode> {
  return prepareBootCode(run, bootCodeCommands(actions), {
    disk: target.diskDevice,
    gapBytes: bootGapBytes(target.disk.partitions.map((p) => p.offsetBytes)),
    ...(machine.grubFolder ? { grubFolder: machine.grubFolder } : {}),
  });
}

/**
 * Writes `bootmgr`, `Boot\*` and the store onto the system partition, then the boot code onto the disk.
 * @throws TaskseqError('unsupported') when a link on the volume is on the way or grub-bios-setup fails
 */
export async function writeBiosBootFiles(
  run: RunProcess, actions: readonly PlannedAction[], target: BiosTarget, code: PreparedBootCode, store: BcdStoreSpec, windowsPath: string,
): Promise<BiosBootFilesResult> {
  const files = writeSystemPartitionFiles(target.systemRoot, target.source, renderBcdStore(store), windowsPath);
  await installBootCode(run, bootCodeCommands(actions), code, target.diskDevice);
  return { files, store, coreBytes: code.coreBytes };
}
