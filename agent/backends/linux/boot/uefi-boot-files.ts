/**
 * The UEFI half of the Linux backend's boot files: `Windows\Boot\EFI\*` and the BCD store onto the FAT32 EFI system
 * partition with mtools, the fallback loader, and the firmware entry where the EFI variables allow it.
 */
import { findEfiSystemPartition, type BootFilesRequest, type DiskFacts, type PartitionFacts } from '../../../../engine/index.ts';
import { renderBcdStore, type BcdStoreSpec } from '../../../formats/bcd/index.ts';
import type { PlanMachine, PlannedAction } from '../../plan/command-plan.ts';
import type { RunProcess } from '../../process/process-types.ts';
import { findFolder } from '../../host-files/volume-files.ts';
import { plannedCommand, refuse } from './boot-store.ts';
import { writeEspFiles } from './esp-files.ts';
import { addFirmwareEntry, type FirmwareEntryResult } from './firmware-entry.ts';
import type { BootFilesMachine } from './boot-files-machine.ts';
import type { WindowsFolder } from './windows-folder.ts';

/** Where the UEFI files go and what they are copied from, checked before anything runs. */
export interface UefiTarget {
  esp: { disk: DiskFacts; partition: PartitionFacts };
  /** The image's `Boot\EFI` folder on the host. */
  bootEfiFolder: string;
}

/** What the UEFI half wrote. */
export interface UefiBootFilesResult {
  /** ESP paths, e.g. `EFI\Microsoft\Boot\BCD`. */
  files: string[];
  store: BcdStoreSpec;
  firmwareEntry: FirmwareEntryResult;
}

/** The EFI system partition, formatted, and the one `systemDrive` names when it is given. */
function checkEsp(machine: PlanMachine, request: BootFilesRequest): UefiTarget['esp'] {
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

/**
 * The checks of the UEFI half, before anything runs.
 * @throws TaskseqError('unsupported') for a Windows folder without `Boot\EFI`, no FAT32 EFI system partition, or a
 *   `systemDrive` that is not it
 */
export function checkUefi(machine: PlanMachine, request: BootFilesRequest, windows: WindowsFolder): UefiTarget {
  const bootEfiFolder = findFolder(windows.hostPath, ['Boot', 'EFI'])
    ?? refuse(`cannot write UEFI boot files for ${request.windowsPath}: it has no Boot\\EFI folder (the image holds no UEFI boot manager)`);
  return { esp: checkEsp(machine, request), bootEfiFolder };
}

/**
 * Writes the ESP files with the store, then the planned firmware entry (or the reason there is none).
 * @throws TaskseqError('unsupported') when mcopy or efibootmgr fails
 */
export async function writeUefiBootFiles(
  run: RunProcess, machine: BootFilesMachine, actions: readonly PlannedAction[], target: UefiTarget, store: BcdStoreSpec, windowsPath: string,
): Promise<UefiBootFilesResult> {
  const espDevice = machine.names.partition(target.esp.disk, target.esp.partition);
  const files = await writeEspFiles(run, espDevice, { bootEfiFolder: target.bootEfiFolder, bcd: renderBcdStore(store), architecture: machine.architecture }, windowsPath);
  const efibootmgr = plannedCommand(actions, 'efibootmgr');
  const firmwareEntry = efibootmgr
    ? await addFirmwareEntry(run, efibootmgr.argv, machine.firmware, machine.architecture, machine.log)
    : { added: false as const, reason: 'the plan has no firmware boot entry' };
  return { files, store, firmwareEntry };
}
