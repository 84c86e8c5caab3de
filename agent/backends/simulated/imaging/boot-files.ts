/**
 * The bcdboot equivalent on simulated volumes. The boot manager files are small text files and the BCD store is a
 * text file of `key=value` lines naming the Windows volume and folder (see docs/imaging.md): enough for the
 * machine's boot rules, which only check that the files exist, and readable in a test.
 */
import { dirname, relative, sep } from 'node:path';
import {
  InvalidInputError, TaskseqError, type Architecture, type BootFilesRequest,
} from '../../../../engine/index.ts';
import { WINDOWS_BOOT_MANAGER, fallbackLoader } from '../../../../engine/index.ts';
import { findFolder, putFile, splitVolumePath } from '../../host-files/volume-files.ts';
import type { BootEntry, BootVolume, SimulatedImagingDeps } from './imaging-deps.ts';

/** The firmware entry UEFI boot files register. */
export const BOOT_ENTRY_DESCRIPTION = 'Windows Boot Manager';

interface BootFile {
  root: string;
  path: string;
  content: string;
}

/** The Windows install the boot files point at: `C:` and `\Windows`. */
interface WindowsTarget {
  letter: string;
  folder: string;
}

function refuse(message: string): never {
  throw new TaskseqError('unsupported', message);
}

function checkWindows(deps: SimulatedImagingDeps, windowsPath: string): WindowsTarget {
  const m = /^([A-Za-z]:)[\\/]+(.+)$/.exec(windowsPath.trim());
  if (!m) throw new InvalidInputError(`windowsPath '${windowsPath}' is not a folder on a drive (like C:\\Windows)`);
  const letter = m[1].toUpperCase();
  const segments = splitVolumePath(m[2], 'windowsPath');
  const root = deps.volumeRoot(letter);
  if (root === undefined) refuse(`cannot write boot files for ${windowsPath}: no volume ${letter} on this machine`);
  const system32 = findFolder(root, [...segments, 'System32']);
  if (!system32) {
    refuse(`cannot write boot files for ${windowsPath}: it has no System32 folder (not the Windows folder of an applied OS)`);
  }
  // The store names the folder as it is spelled on the volume, whatever case the request used.
  const spelled = relative(root, dirname(system32)).split(sep);
  return { letter, folder: `\\${spelled.join('\\')}` };
}

/** The BCD store's text: one `key=value` per line. */
export function renderBcdStore(firmware: 'UEFI' | 'BIOS', windows: WindowsTarget): string {
  const bootmgr = firmware === 'UEFI' ? `\\${WINDOWS_BOOT_MANAGER}` : '\\bootmgr';
  const loader = firmware === 'UEFI' ? 'winload.efi' : 'winload.exe';
  return [
    '# simulated BCD store (text, not a registry hive)',
    `firmware=${firmware}`,
    `bootmgr=${bootmgr}`,
    `description=${firmware === 'UEFI' ? BOOT_ENTRY_DESCRIPTION : 'Windows'}`,
    `osdevice=${windows.letter}`,
    `systemroot=${windows.folder}`,
    `osloader=${windows.folder}\\system32\\${loader}`,
    '',
  ].join('\n');
}

function checkSystemDrive(target: BootVolume, systemDrive: string | undefined, what: string): void {
  if (systemDrive === undefined) return;
  const want = systemDrive.trim().toUpperCase().replace(/\\$/, '');
  if (target.letter?.toUpperCase() !== want) {
    refuse(`cannot write boot files to ${systemDrive}, which is not ${what} (disk ${target.disk} partition ${target.partition})`);
  }
}

function checkFormatted(target: BootVolume, what: string): void {
  if (target.fileSystem === 'RAW') {
    refuse(`cannot write boot files: ${what} (disk ${target.disk} partition ${target.partition}) is not formatted (RAW)`);
  }
}

function planUefi(deps: SimulatedImagingDeps, request: BootFilesRequest, windows: WindowsTarget) {
  const esp = deps.espFor();
  if (!esp) refuse('cannot write UEFI boot files: no disk has an EFI system partition');
  checkFormatted(esp, 'the EFI system partition');
  checkSystemDrive(esp, request.systemDrive, 'the EFI system partition');
  const loader = bootManagerText('UEFI', deps.architecture);
  const files: BootFile[] = [
    { root: esp.root, path: WINDOWS_BOOT_MANAGER, content: loader },
    { root: esp.root, path: 'EFI\\Microsoft\\Boot\\BCD', content: renderBcdStore('UEFI', windows) },
    { root: esp.root, path: fallbackLoader(deps.architecture), content: loader },
  ];
  const entry: BootEntry = {
    description: BOOT_ENTRY_DESCRIPTION, disk: esp.disk, partition: esp.partition, path: WINDOWS_BOOT_MANAGER,
  };
  return { files, entry };
}

function planBios(deps: SimulatedImagingDeps, request: BootFilesRequest, windows: WindowsTarget): BootFile[] {
  const disk = deps.bootDisk();
  if (!disk) refuse('cannot write BIOS boot files: this machine has no fixed disk');
  const active = disk.active;
  if (!active) refuse(`cannot write BIOS boot files: disk ${disk.disk} has no active partition`);
  checkFormatted(active, 'the active partition');
  checkSystemDrive(active, request.systemDrive, 'the active partition');
  return [
    { root: active.root, path: 'bootmgr', content: bootManagerText('BIOS', deps.architecture) },
    { root: active.root, path: 'Boot\\BCD', content: renderBcdStore('BIOS', windows) },
  ];
}

function bootManagerText(firmware: 'UEFI' | 'BIOS', architecture: Architecture): string {
  return `simulated Windows Boot Manager (${firmware}, ${architecture})\n`;
}

/**
 * Writes the boot manager and BCD store for the firmware: UEFI -> `EFI\Microsoft\Boot\bootmgfw.efi`,
 * `EFI\Microsoft\Boot\BCD` and the fallback `EFI\Boot\boot<arch>.efi` on the EFI system partition, plus a
 * "Windows Boot Manager" entry through `deps.addBootEntry`; BIOS -> `bootmgr` and `Boot\BCD` on the active partition
 * of the boot disk (the Windows volume itself when it is the active one). Every check runs before any file is written.
 * @throws InvalidInputError for a `windowsPath` without a drive; TaskseqError('unsupported') for a Windows folder
 *   without System32, no (formatted) EFI system partition for UEFI, no (formatted) active partition for BIOS, or a
 *   `systemDrive` that is not that partition
 */
export function writeBootFiles(deps: SimulatedImagingDeps, request: BootFilesRequest): void {
  const windows = checkWindows(deps, request.windowsPath);
  const uefi = request.firmware !== 'BIOS' ? planUefi(deps, request, windows) : undefined;
  const bios = request.firmware !== 'UEFI' ? planBios(deps, request, windows) : [];
  for (const file of [...(uefi?.files ?? []), ...bios]) {
    putFile(file.root, splitVolumePath(file.path), { content: file.content });
  }
  if (uefi) deps.addBootEntry(uefi.entry);
}
