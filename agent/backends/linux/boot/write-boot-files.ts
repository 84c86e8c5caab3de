/**
 * The Linux backend's boot files (the Imaging port's `writeBootFiles`), by the actions `linuxCommandPlanner` plans for
 * the call: its refusals are thrown before anything is read, its `sfdisk --json` commands name the partitions in the
 * BCD stores, its file work is done here, and its programs run as planned: UEFI (mtools onto the EFI system
 * partition, efibootmgr where the EFI variables allow it) and BIOS (the active NTFS partition, GRUB's boot code).
 */
import type { BootFilesRequest } from '../../../../engine/index.ts';
import type { RunProcess } from '../../process/process-types.ts';
import { linuxCommandPlanner } from '../linux-command-plan.ts';
import { checkBios, prepareBios, writeBiosBootFiles, type BiosBootFilesResult } from './bios-boot-files.ts';
import type { BootFilesMachine } from './boot-files-machine.ts';
import { partitionIn, readIdentities, refuse, storeSpec } from './boot-store.ts';
import { checkUefi, writeUefiBootFiles, type UefiBootFilesResult } from './uefi-boot-files.ts';
import { findWindowsFolder, windowsDrivePath } from './windows-folder.ts';

export type { BootFilesMachine } from './boot-files-machine.ts';

/** What was written, per firmware the request named (`ALL`: both). */
export interface BootFilesResult {
  uefi?: UefiBootFilesResult;
  bios?: BiosBootFilesResult;
}

/**
 * Writes the boot files for the applied Windows at `request.windowsPath`. UEFI: `Windows\Boot\EFI\*` to
 * `\EFI\Microsoft\Boot\` on the EFI system partition, `bootmgfw.efi` also as the fallback loader, the BCD store,
 * then the firmware entry (or the reason there is none). BIOS: `bootmgr`, `Boot\*` and a BIOS BCD store on the
 * active partition, and GRUB's boot code in the MBR and the gap before the first partition. Every check runs before
 * any write; the BIOS core image is made and measured before the first file is written.
 * @throws InvalidInputError for a `windowsPath` without a drive; TaskseqError('unsupported') for what the planner
 *   refuses (a GPT disk for BIOS, no EFI system partition for UEFI, ...), a Windows folder without System32 or
 *   without the firmware's boot manager, a `systemDrive` that is not the system partition, a gap too small for the
 *   core image, or a command that fails
 */
export async function writeBootFiles(run: RunProcess, request: BootFilesRequest, machine: BootFilesMachine): Promise<BootFilesResult> {
  windowsDrivePath(request.windowsPath);
  const actions = linuxCommandPlanner(machine.names).writeBootFiles(request, machine);
  const refusal = actions.find((a) => a.kind === 'refused');
  if (refusal?.kind === 'refused') refuse(refusal.reason);
  const windows = findWindowsFolder(request.windowsPath, machine.windowsVolumeRoot);
  const uefi = request.firmware !== 'BIOS' ? checkUefi(machine, request, windows) : undefined;
  const bios = request.firmware !== 'UEFI' ? checkBios(machine, request, windows) : undefined;
  const volume = machine.volume(windows.letter) ?? refuse(`cannot write boot files for ${request.windowsPath}: no volume ${windows.letter} on this machine`);
  const all = await readIdentities(run, actions);
  const windowsPartition = partitionIn(all, machine.names, volume.disk, volume.partition);
  const writtenAt = (machine.now ?? (() => new Date()))();
  const code = bios ? await prepareBios(run, machine, actions, bios) : undefined;
  const result: BootFilesResult = {};
  try {
    if (uefi) {
      const store = storeSpec('UEFI', partitionIn(all, machine.names, uefi.esp.disk, uefi.esp.partition), windowsPartition, windows.systemRoot, writtenAt);
      result.uefi = await writeUefiBootFiles(run, machine, actions, uefi, store, request.windowsPath);
    }
    if (bios && code) {
      const store = storeSpec('BIOS', partitionIn(all, machine.names, bios.disk, bios.system), windowsPartition, windows.systemRoot, writtenAt);
      result.bios = await writeBiosBootFiles(run, actions, bios, code, store, request.windowsPath);
    }
  } catch (e) {
    await code?.dispose().catch(() => undefined);
    throw e;
  }
  await code?.dispose();
  return result;
}
