/**
 * What the Linux live backend does for each changing port call (pure): sfdisk and mkfs for a layout, wimlib-imagex
 * in NTFS-3G mode for images, file work for boot files and drivers, and a refusal for what only Windows can do
 * (Sysprep, USMT, Windows command lines). The backend executes these same actions; `taskseq plan` prints them.
 */
import { fallbackLoader, findEfiSystemPartition, WINDOWS_BOOT_MANAGER, type MachineCall } from '../../../engine/index.ts';
import { renderFormatCommands, renderSfdiskScript } from '../../renderers/linux/sfdisk-script.ts';
import { renderApplyArgs, renderCaptureArgs } from '../../renderers/linux/wimlib-command.ts';
import {
  command, driveOf, refused, work, type CommandPlanner, type DeviceNames, type PlanMachine, type PlannedAction,
  type VolumeLocation,
} from '../plan/command-plan.ts';

/** Why the Linux backend does not restart (the live system's part of a sequence ends before its first restart). */
export const RESTART_REFUSAL = 'the Linux backend does not restart the machine in this version: end the live system\'s part of the sequence before its first restart';

const WINDOWS_ONLY = 'runs only in Windows; the Linux backend cannot do it';
const SYSPREP_REFUSAL = `Sysprep ${WINDOWS_ONLY}`;
const SCANSTATE_REFUSAL = `ScanState (user state capture) ${WINDOWS_ONLY}`;
const LOADSTATE_REFUSAL = `LoadState (user state restore) ${WINDOWS_ONLY}`;

/** The volume a request names by drive letter, or a refusal naming the field. */
function volumeAt(machine: PlanMachine, path: string, field: string): VolumeLocation | PlannedAction {
  const letter = driveOf(path);
  const volume = letter ? machine.volume(letter) : undefined;
  return volume ?? refused(`${field} ${path} is not a volume of this machine`);
}

/**
 * A command line meant for the Linux backend: its program is an absolute POSIX path (`/bin/sh -c '...'`,
 * `/usr/local/bin/tool`). Anything else (`cmd.exe`, `x.exe`, a drive letter, a bare name) is a Windows command line.
 */
function isLinuxCommandLine(commandLine: string): boolean {
  return /^\/[^\s\\:/]/.test(commandLine.trim());
}

/** Why the Linux backend does not run this command, or undefined for a Linux command line. */
function commandRefusal(kind: 'command-line' | 'powershell', commandLine: string): string | undefined {
  if (kind === 'command-line' && isLinuxCommandLine(commandLine)) return undefined;
  return `${kind === 'powershell' ? 'a PowerShell script' : 'a Windows command line'} cannot run on the Linux backend; it is not attempted (a Linux command line starts with an absolute path such as /bin/sh)`;
}

/**
 * What the Linux backend refuses whatever happens before it: the preflight asks before a run touches any disk (see
 * engine/preflight/machine-calls.ts), with the same reasons the planner gives each call.
 */
export function linuxCallRefusal(call: MachineCall): string | undefined {
  switch (call.kind) {
    case 'command':
      // A program named through a variable (`%SCRIPTROOT%\x.cmd`) is known at run time only; the step decides then.
      if (call.commandKind === 'command-line' && /^\S*%/.test(call.commandLine?.trim() ?? '')) return undefined;
      return commandRefusal(call.commandKind, call.commandLine ?? '');
    case 'generalize': return SYSPREP_REFUSAL;
    case 'user-state': return call.operation === 'capture' ? SCANSTATE_REFUSAL : LOADSTATE_REFUSAL;
    case 'restart': return RESTART_REFUSAL;
    case 'disk': return undefined;
  }
}

const isVolume = (v: VolumeLocation | PlannedAction): v is VolumeLocation => 'partition' in v;

/** The Linux backend's planner; `names` addresses disks and partitions (loop devices where the kernel made none). */
export function linuxCommandPlanner(names: DeviceNames): CommandPlanner {
  const partitionOf = (v: VolumeLocation) => names.partition(v.disk, v.partition);
  return {
    partitionDisk(layout, disk) {
      const script = renderSfdiskScript(layout, disk);
      const sfdisk = command(['sfdisk', '--no-reread', '--no-tell-kernel', '--wipe', 'always', names.disk(disk)], script);
      const formats = renderFormatCommands(layout, (n) => {
        const p = layout.partitions.find((x) => x.number === n)!;
        return names.partition(disk, p);
      }, disk.sectorSize).map((argv) => command(argv));
      return [sfdisk, ...formats];
    },
    applyImage(request, parts, machine) {
      const at = volumeAt(machine, request.target, 'target');
      if (!isVolume(at)) return [at];
      if (at.partition.volume?.fileSystem !== 'NTFS') return [refused(`cannot apply an image to ${at.letter}: the Linux backend applies onto NTFS volumes only`)];
      return [command(['wimlib-imagex', ...renderApplyArgs({
        wim: request.path, index: request.index, targetDir: partitionOf(at), ntfsVolume: true, parts, checkIntegrity: request.checkIntegrity === true,
      })])];
    },
    captureImage(request, machine) {
      const at = volumeAt(machine, request.source, 'source');
      if (!isVolume(at)) return [at];
      return [command(['wimlib-imagex', ...renderCaptureArgs({
        ...request, sourceDir: partitionOf(at), wim: request.path, checkIntegrity: request.checkIntegrity === true,
      })])];
    },
    writeBootFiles(request, machine) {
      const at = volumeAt(machine, request.windowsPath, 'windowsPath');
      if (!isVolume(at)) return [at];
      const out: PlannedAction[] = [];
      if (request.firmware !== 'BIOS') out.push(...uefiBootFiles(names, machine, at, request.windowsPath));
      if (request.firmware !== 'UEFI') out.push(refused(BIOS_BOOT_CODE_MISSING));
      return out;
    },
    addDrivers(request, machine) {
      const at = volumeAt(machine, request.target, 'target');
      if (!isVolume(at)) return [at];
      return request.paths.map((p) => work(`copy the driver ${p} into ${at.letter}\\Drivers on ${partitionOf(at)} and name it in the answer file's offlineServicing driver paths, for Windows Setup to install`));
    },
    runCommand(request) {
      const refusal = commandRefusal(request.kind, request.commandLine);
      return [refusal === undefined ? command(['/bin/sh', '-c', request.commandLine.trim()]) : refused(refusal)];
    },
    generalize: () => [refused(SYSPREP_REFUSAL)],
    restart: () => [refused(RESTART_REFUSAL)],
    captureUserState: () => [refused(SCANSTATE_REFUSAL)],
    restoreUserState: () => [refused(LOADSTATE_REFUSAL)],
  };
}

/**
 * Why the Linux backend writes no BIOS boot files: the boot code they need is not among the image's files, and the
 * backend writes no boot code of its own (see docs/boot-files.md).
 */
export const BIOS_BOOT_CODE_MISSING = 'cannot write BIOS boot files on the Linux backend: the MBR boot code and the NTFS boot record '
  + 'code that load bootmgr are not files of the applied image (Windows writes them from inside its own programs), and the '
  + 'backend writes no boot code it cannot take from the image; deploy this machine with UEFI, or write BIOS boot files from Windows PE';

/** The command that reads a disk's identity (GPT disk and partition GUIDs, MBR signature) for the BCD store. */
export function partitionIdentityCommand(disk: string): PlannedAction {
  return command(['sfdisk', '--json', disk]);
}

function uefiBootFiles(names: DeviceNames, machine: PlanMachine, windows: VolumeLocation, windowsPath: string): PlannedAction[] {
  const esp = findEfiSystemPartition(machine.disks);
  if (!esp) return [refused('cannot write UEFI boot files: no disk has an EFI system partition')];
  const espDevice = names.partition(esp.disk, esp.partition);
  const windowsDevice = names.partition(windows.disk, windows.partition);
  const disks = [...new Set([names.disk(esp.disk), names.disk(windows.disk)])];
  return [
    ...disks.map(partitionIdentityCommand),
    work(`copy ${windowsPath}\\Boot\\EFI from ${windowsDevice} to \\EFI\\Microsoft\\Boot on the EFI system partition ${espDevice} with mcopy, and the boot manager also to the fallback \\${fallbackLoader(machine.architecture)}`),
    work(`write the BCD store \\EFI\\Microsoft\\Boot\\BCD on ${espDevice}: the Windows Boot Manager on ${espDevice} and a Windows Boot Loader for ${windowsPath} on ${windowsDevice} (${windows.letter}), each partition named by its GUIDs`),
    command(['efibootmgr', '--create', '--disk', names.disk(esp.disk), '--part', String(esp.partition.number), '--label', 'Windows Boot Manager', '--loader', `\\${WINDOWS_BOOT_MANAGER}`]),
  ];
}

