/**
 * The Linux backend's boot files (the Imaging port's `writeBootFiles`), by the actions `linuxCommandPlanner` plans for
 * the call: its refusals are thrown before anything is read, its `sfdisk --json` commands name the partitions in the
 * BCD store, its file work is done here with mtools, and its `efibootmgr` runs where the EFI variables allow it.
 * UEFI only: BIOS boot files are refused (see docs/boot-files.md).
 */
import {
  TaskseqError, findEfiSystemPartition, type BootFilesRequest, type DiskFacts, type PartitionFacts,
} from '../../../../engine/index.ts';
import { renderBcdStore, type BcdPartition, type BcdStoreSpec } from '../../../formats/bcd/index.ts';
import { deriveGuid } from '../../../formats/partition-table/guid.ts';
import type { DeviceNames, PlanMachine, PlannedAction, PlannedCommand } from '../../plan/command-plan.ts';
import type { RunProcess } from '../../process/process-types.ts';
import { linuxCommandPlanner } from '../linux-command-plan.ts';
import type { LinuxFirmware } from '../probe/index.ts';
import { writeEspFiles } from './esp-files.ts';
import { addFirmwareEntry, type FirmwareEntryResult } from './firmware-entry.ts';
import { bcdPartitionAt, readDiskIdentity, type DiskIdentity } from './partition-identity.ts';
import { findFolder } from '../../host-files/volume-files.ts';
import { findWindowsFolder, windowsDrivePath, type WindowsFolder } from './windows-folder.ts';

/** The machine as the boot files need it, from the backend that calls. */
export interface BootFilesMachine extends PlanMachine {
  /** Real device paths of disks and partitions (a partition's own loop device where the kernel made no node). */
  names: DeviceNames;
  firmware: LinuxFirmware;
  /** Where the volume of `request.windowsPath`'s drive is mounted on this host. */
  windowsVolumeRoot: string;
  /** Run log lines (the reason no firmware entry was added). */
  log: (line: string) => void;
  /** The BCD store's last-written time; now when absent. */
  now?: () => Date;
}

/** What was written. */
export interface BootFilesResult {
  /** ESP paths, e.g. `EFI\Microsoft\Boot\BCD`. */
  files: string[];
  /** The store's content. */
  store: BcdStoreSpec;
  firmwareEntry: FirmwareEntryResult;
}

/** The menu entry of the Windows Boot Loader, and the store's locale and menu time-out. */
export const LOADER_DESCRIPTION = 'Windows';
export const STORE_LOCALE = 'en-US';
export const MENU_TIMEOUT_SECONDS = 30;

const isCommand = (a: PlannedAction, program: string): a is PlannedCommand => a.kind === 'command' && a.argv[0] === program;

function refuse(message: string): never {
  throw new TaskseqError('unsupported', message);
}

/** The EFI system partition, formatted, and the one `systemDrive` names when it is given. */
function checkEsp(machine: PlanMachine, request: BootFilesRequest): { disk: DiskFacts; partition: PartitionFacts } {
  const esp = findEfiSystemPartition(machine.disks) ?? refuse('cannot write UEFI boot files: no disk has an EFI system partition');
  const where = `the EFI system partition (disk ${esp.disk.index} partition ${esp.partition.number})`;
  const fileSystem = esp.partition.volume?.fileSystem ?? 'RAW';
  if (fileSystem !== 'FAT32') refuse(`cannot write boot files: ${where} is not formatted FAT32 (${fileSystem})`);
  if (request.systemDrive !== undefined) {
    const want = request.systemDrive.trim().toUpperCase().replace(/\\$/, '');
    if (esp.partition.volume?.letter?.toUpperCase() !== want) refuse(`cannot write boot files to ${request.systemDrive}, which is not ${where}`);
  }
  return esp;
}

/** The loader's object id: derived from the Windows partition, so writing the store again gives the same store. */
export function loaderIdFor(windows: BcdPartition): string {
  return `{${deriveGuid(`bcd windows boot loader ${JSON.stringify(windows)}`).toLowerCase()}}`;
}

async function identities(run: RunProcess, actions: readonly PlannedAction[]): Promise<Map<string, DiskIdentity>> {
  const out = new Map<string, DiskIdentity>();
  for (const a of actions) if (isCommand(a, 'sfdisk')) out.set(a.argv[a.argv.length - 1], await readDiskIdentity(run, a.argv));
  return out;
}

function partitionIn(all: Map<string, DiskIdentity>, names: DeviceNames, disk: DiskFacts, partition: PartitionFacts): BcdPartition {
  const identity = all.get(names.disk(disk)) ?? refuse(`cannot name disk ${disk.index} in a BCD store: its table was not read`);
  return bcdPartitionAt(identity, partition.offsetBytes);
}

/**
 * Writes the UEFI boot files for the applied Windows at `request.windowsPath`: `Windows\Boot\EFI\*` to
 * `\EFI\Microsoft\Boot\` on the EFI system partition, `bootmgfw.efi` also as the fallback loader, the BCD store to
 * `\EFI\Microsoft\Boot\BCD`, then the firmware entry (or the reason there is none). Every check runs before any write.
 * @throws InvalidInputError for a `windowsPath` without a drive; TaskseqError('unsupported') for BIOS (or ALL), a
 *   Windows folder without System32 or without `Boot\EFI\bootmgfw.efi`, no FAT32 EFI system partition, a
 *   `systemDrive` that is not it, or a command that fails
 */
export async function writeBootFiles(run: RunProcess, request: BootFilesRequest, machine: BootFilesMachine): Promise<BootFilesResult> {
  windowsDrivePath(request.windowsPath);
  const actions = linuxCommandPlanner(machine.names).writeBootFiles(request, machine);
  const refusal = actions.find((a) => a.kind === 'refused');
  if (refusal?.kind === 'refused') refuse(refusal.reason);
  const windows: WindowsFolder = findWindowsFolder(request.windowsPath, machine.windowsVolumeRoot);
  const bootEfiFolder = findFolder(windows.hostPath, ['Boot', 'EFI'])
    ?? refuse(`cannot write UEFI boot files for ${request.windowsPath}: it has no Boot\\EFI folder (the image holds no UEFI boot manager)`);
  const esp = checkEsp(machine, request);
  const volume = machine.volume(windows.letter) ?? refuse(`cannot write boot files for ${request.windowsPath}: no volume ${windows.letter} on this machine`);

  const all = await identities(run, actions);
  const windowsPartition = partitionIn(all, machine.names, volume.disk, volume.partition);
  const store: BcdStoreSpec = {
    firmware: 'UEFI',
    bootPartition: partitionIn(all, machine.names, esp.disk, esp.partition),
    windowsPartition,
    systemRoot: windows.systemRoot,
    loaderId: loaderIdFor(windowsPartition),
    loaderDescription: LOADER_DESCRIPTION,
    locale: STORE_LOCALE,
    timeoutSeconds: MENU_TIMEOUT_SECONDS,
    writtenAt: (machine.now ?? (() => new Date()))(),
  };
  const espDevice = machine.names.partition(esp.disk, esp.partition);
  const files = await writeEspFiles(run, espDevice, { bootEfiFolder, bcd: renderBcdStore(store), architecture: machine.architecture }, request.windowsPath);
  const efibootmgr = actions.find((a): a is PlannedCommand => isCommand(a, 'efibootmgr'));
  const firmwareEntry = efibootmgr
    ? await addFirmwareEntry(run, efibootmgr.argv, machine.firmware, machine.architecture, machine.log)
    : { added: false as const, reason: 'the plan has no firmware boot entry' };
  return { files, store, firmwareEntry };
}

