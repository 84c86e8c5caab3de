/**
 * The BCD store of the Linux backend's boot files, UEFI and BIOS alike: the partitions it names are read from the
 * disks' own tables by the planned `sfdisk --json` commands, and the same Windows partition always gives the same
 * store (the loader's id is derived from it).
 */
import { TaskseqError, type DiskFacts, type PartitionFacts } from '../../../../engine/index.ts';
import type { BcdPartition, BcdStoreSpec } from '../../../formats/bcd/index.ts';
import { deriveGuid } from '../../../formats/partition-table/guid.ts';
import type { DeviceNames, PlannedAction, PlannedCommand } from '../../plan/command-plan.ts';
import type { RunProcess } from '../../process/process-types.ts';
import { bcdPartitionAt, readDiskIdentity, type DiskIdentity } from './partition-identity.ts';

/** The menu entry of the Windows Boot Loader, and the store's locale and menu time-out. */
export const LOADER_DESCRIPTION = 'Windows';
export const STORE_LOCALE = 'en-US';
export const MENU_TIMEOUT_SECONDS = 30;

/** The planned command of `program`, if the plan has one. */
export function plannedCommand(actions: readonly PlannedAction[], program: string): PlannedCommand | undefined {
  return actions.find((a): a is PlannedCommand => a.kind === 'command' && a.argv[0] === program);
}

export function refuse(message: string): never {
  throw new TaskseqError('unsupported', message);
}

/** The loader's object id: derived from the Windows partition, so writing the store again gives the same store. */
export function loaderIdFor(windows: BcdPartition): string {
  return `{${deriveGuid(`bcd windows boot loader ${JSON.stringify(windows)}`).toLowerCase()}}`;
}

/** The identities of the disks the plan reads, by device path. */
export type DiskIdentities = ReadonlyMap<string, DiskIdentity>;

/** Runs every planned `sfdisk --json <disk>` and keeps what each disk says. */
export async function readIdentities(run: RunProcess, actions: readonly PlannedAction[]): Promise<DiskIdentities> {
  const out = new Map<string, DiskIdentity>();
  for (const a of actions) {
    if (a.kind === 'command' && a.argv[0] === 'sfdisk') out.set(a.argv[a.argv.length - 1]!, await readDiskIdentity(run, a.argv));
  }
  return out;
}

/** How the store names a partition, by the identity of its disk. */
export function partitionIn(all: DiskIdentities, names: DeviceNames, disk: DiskFacts, partition: PartitionFacts): BcdPartition {
  const identity = all.get(names.disk(disk)) ?? refuse(`cannot name disk ${disk.index} in a BCD store: its table was not read`);
  return bcdPartitionAt(identity, partition.offsetBytes);
}

/** The store for one firmware: the boot manager on `bootPartition`, one loader for the Windows folder. */
export function storeSpec(firmware: 'UEFI' | 'BIOS', bootPartition: BcdPartition, windowsPartition: BcdPartition, systemRoot: string, writtenAt: Date): BcdStoreSpec {
  return {
    firmware,
    bootPartition,
    windowsPartition,
    systemRoot,
    loaderId: loaderIdFor(windowsPartition),
    loaderDescription: LOADER_DESCRIPTION,
    locale: STORE_LOCALE,
    timeoutSeconds: MENU_TIMEOUT_SECONDS,
    writtenAt,
  };
}
