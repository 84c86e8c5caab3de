/**
 * What the Linux live backend does for each changing port call (pure): sfdisk and mkfs for a layout, wimlib-imagex
 * in NTFS-3G mode for images, file work for boot files and drivers, and a refusal for what only Windows can do
 * (Sysprep, USMT, Windows command lines). The backend executes these same actions; `taskseq plan` prints them.
 */
import { fallbackLoader, findBiosBootDisk, findEfiSystemPartition, WINDOWS_BOOT_MANAGER, type MachineCall } from '../../../engine/index.ts';
import { renderFormatCommands, renderSfdiskScript } from '../../renderers/linux/sfdisk-script.ts';
import { renderApplyArgs, renderCaptureArgs } from '../../renderers/linux/wimlib-command.ts';
import {
  command, driveOf, refused, work, type CommandPlanner, type DeviceNames, type PlanMachine, type PlannedAction,
  type VolumeLocation,
} from '../plan/command-plan.ts';
import {
  BOOT_CODE_FOLDER, GRUB_I386_PC, bootCodeMountArgv, bootCodeUnmountArgv, bootGapBytes, coreConfig, grubBiosSetupArgv,
  grubMkimageArgv,
} from './boot/grub-boot-code.ts';

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
      const uefi = request.firmware !== 'BIOS' ? uefiBootFiles(names, machine, at, request.windowsPath) : [];
      const bios = request.firmware !== 'UEFI' ? biosBootFiles(names, machine, at, request.windowsPath) : [];
      return withoutRepeatedCommands([...uefi, ...bios]);
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


/** Each disk's identity is read once when UEFI and BIOS boot files (`ALL`) both need it. */
function withoutRepeatedCommands(actions: readonly PlannedAction[]): PlannedAction[] {
  const seen = new Set<string>();
  return actions.filter((a) => {
    if (a.kind !== 'command') return true;
    const key = JSON.stringify(a);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * BIOS boot files, as bcdboot writes them to the active partition of the disk the BIOS starts (an NTFS system
 * partition here), and the boot code that loads them, from the live system's GRUB package (see
 * docs/boot-files.md): only an MBR disk, as Windows starts from BIOS only there.
 */
function biosBootFiles(names: DeviceNames, machine: PlanMachine, windows: VolumeLocation, windowsPath: string): PlannedAction[] {
  const boot = findBiosBootDisk(machine.disks);
  if (!boot) return [refused('cannot write BIOS boot files: this machine has no fixed disk')];
  const disk = names.disk(boot.disk);
  const where = `disk ${boot.disk.index} (${disk})`;
  if (boot.disk.style !== 'MBR') return [refused(`cannot write BIOS boot files to ${where}: it is a GPT disk, and Windows starts from BIOS only on an MBR disk (partition it MBR, or deploy with UEFI)`)];
  const system = boot.partition;
  if (!system) return [refused(`cannot write BIOS boot files: ${where} has no active partition`)];
  const fileSystem = system.volume?.fileSystem ?? 'RAW';
  if (fileSystem !== 'NTFS') return [refused(`cannot write BIOS boot files: the active partition ${system.number} of ${where} is ${fileSystem}; the Linux backend writes them to an NTFS system partition only`)];
  const systemDevice = names.partition(boot.disk, system);
  const windowsDevice = names.partition(windows.disk, windows.partition);
  const gap = bootGapBytes(boot.disk.partitions.map((p) => p.offsetBytes));
  return [
    ...[...new Set([disk, names.disk(windows.disk)])].map(partitionIdentityCommand),
    work(`copy ${windowsPath}\\Boot\\PCAT\\bootmgr from ${windowsDevice} to \\bootmgr on the active partition ${systemDevice}, ${windowsPath}\\Boot\\PCAT to \\Boot and ${windowsPath}\\Boot\\Fonts (if present) to \\Boot\\Fonts`),
    work(`write the BCD store \\Boot\\BCD on ${systemDevice}: the Windows Boot Manager on ${systemDevice} and a Windows Boot Loader (winload.exe) for ${windowsPath} on ${windowsDevice} (${windows.letter}), each partition named by its disk signature and offset`),
    work(`make ${BOOT_CODE_FOLDER}, a temp folder of this host`),
    command(bootCodeMountArgv(disk)),
    work(`put boot.img of ${GRUB_I386_PC} and core.cfg, the core image's configuration, in ${BOOT_CODE_FOLDER}: ${coreConfig().trim().split('\n').join('; ')}`),
    command(grubMkimageArgv(system.number)),
    work(`check that core.img fits in the ${gap} bytes between the MBR and the first partition of ${disk}`),
    command(grubBiosSetupArgv(disk)),
    command(bootCodeUnmountArgv()),
  ];
}
