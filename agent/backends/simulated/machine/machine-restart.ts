/**
 * What a restart does to the simulated machine: refuse when the task sequence state would be lost, stage the boot
 * image for a BIOS-to-UEFI switch (TSUEFIDrive), apply a pending firmware change, check that the target boots, then
 * reassign drive letters for the new environment. Nothing changes when the restart is refused.
 */
import { TaskseqError } from '../../../../engine/index.ts';
import { checkBootable } from '../disks/boot-rules.ts';
import { assignFullOsLetters, assignWinPELetters, fallbackLoader } from '../../../../engine/index.ts';
import { stateLocation } from '../disks/disk-environment.ts';
import { findWindowsVolume } from '../disks/disk-setup.ts';
import { normalizeLetter, type FirmwareState } from '../disks/disk-state.ts';
import { createSimulatedVolumes, lookupVolume, type StorageHost } from '../disks/simulated-volumes.ts';
import type { MachineState } from './machine-state.ts';
import type { BootTarget, MachineProfile } from '../profile/profile-types.ts';
import { systemDriveOf } from '../wmi/simulated-system-info.ts';
import { completeBoot, planBoot, type PlannedBoot } from '../windows/boot-windows.ts';

export interface RebootOptions {
  /** `TSUEFIDrive`: letter of a FAT32 volume to stage the boot image on for a switch from BIOS to UEFI. */
  uefiDrive?: string;
}

export interface RestartContext {
  profile: MachineProfile;
  state: MachineState;
  host: StorageHost;
}

function checkStateSurvives(ctx: RestartContext): void {
  const where = stateLocation({ stateDir: ctx.host.stateDir, storage: ctx.state.storage,
    inWinPE: ctx.state.environment.inWinPE, systemDrive: systemDriveOf(ctx.profile) });
  if (!where.onLocalDisk) {
    throw new TaskseqError('unsupported', 'cannot restart: the task sequence keeps its state on the Windows PE RAM disk '
      + '(X:) because no local NTFS volume exists yet; it would be lost — format and partition a disk first');
  }
}

/** The FAT32 volume TSUEFIDrive names, checked. */
function uefiStagingVolume(ctx: RestartContext, drive: string): string {
  const letter = normalizeLetter(drive);
  const ref = letter ? lookupVolume(ctx.host, letter) : undefined;
  const why = !letter ? 'is not a drive letter' : !ref ? 'is not the letter of any volume'
    : ref.partition.fileSystem !== 'FAT32' ? `is a ${ref.partition.fileSystem} volume, not FAT32` : undefined;
  if (why) {
    throw new TaskseqError('unsupported', `cannot stage the boot image for the switch to UEFI: TSUEFIDrive (${drive}) ${why}`);
  }
  return letter!;
}

function checkTarget(ctx: RestartContext, target: BootTarget, firmware: FirmwareState): PlannedBoot | undefined {
  if (target !== 'HD') return undefined;
  checkBootable({ stateDir: ctx.host.stateDir, storage: { ...ctx.state.storage, firmware },
    architecture: ctx.profile.system.architecture });
  return planBoot(ctx.host.stateDir, ctx.state.storage.disks,
    { architecture: ctx.profile.system.architecture, machineName: () => ctx.state.environment.machineName }, ctx.profile.name);
}

function stage(ctx: RestartContext, letter: string): void {
  const volumes = createSimulatedVolumes(ctx.host);
  volumes.writeFile(letter, fallbackLoader(ctx.profile.system.architecture), { content: 'simulated boot loader\n' });
  volumes.writeFile(letter, 'sources\\boot.wim', { content: 'simulated boot image\n' });
}

function reassignLetters(ctx: RestartContext): void {
  const { disks, opticalDrives } = ctx.state.storage;
  if (ctx.state.environment.inWinPE) assignWinPELetters(disks, opticalDrives);
  else assignFullOsLetters(disks, opticalDrives, systemDriveOf(ctx.profile), findWindowsVolume(ctx.host.stateDir, disks));
}

/** The letter the booted Windows has now. */
function windowsLetter(ctx: RestartContext): string {
  const found = findWindowsVolume(ctx.host.stateDir, ctx.state.storage.disks);
  const disk = ctx.state.storage.disks.find((d) => d.index === found?.disk);
  return disk?.partitions.find((p) => p.number === found?.partition)?.letter ?? systemDriveOf(ctx.profile);
}

/** What a restart will do, worked out before anything changes. */
interface PreparedRestart {
  firmware: FirmwareState;
  staging?: string;
  boot?: PlannedBoot;
}

/** Every check a restart makes, on a copy of the firmware state: the machine is not changed. */
function prepareRestart(ctx: RestartContext, target: BootTarget, options?: RebootOptions): PreparedRestart {
  checkStateSurvives(ctx);
  const firmware = structuredClone(ctx.state.storage.firmware);
  let staging: string | undefined;
  if (target === 'WinPE' && options?.uefiDrive && firmware.mode === 'BIOS') {
    staging = uefiStagingVolume(ctx, options.uefiDrive);
    firmware.pendingMode = 'UEFI';
  }
  if (firmware.pendingMode) {
    firmware.mode = firmware.pendingMode;
    firmware.secureBoot = false;
    delete firmware.pendingMode;
  }
  return { firmware, staging, boot: checkTarget(ctx, target, firmware) };
}

/**
 * Why a restart into `target` would be refused now, or undefined when it would happen. Makes exactly the checks of
 * {@link restartMachine} and changes nothing, so that the engine can fail the step that asked for the restart before
 * it records a restart that will not happen.
 * @throws whatever is not a refusal (TaskseqError('unsupported')): a bug must not pass for a firmware answer
 */
export function checkRestart(ctx: RestartContext, target: BootTarget, options?: RebootOptions): TaskseqError | undefined {
  try {
    prepareRestart(ctx, target, options);
    return undefined;
  } catch (e) {
    if (e instanceof TaskseqError && e.code === 'unsupported') return e;
    throw e;
  }
}

/**
 * Restarts into `target`, changing the state in place (the caller advances the clock and saves). Returns what Windows
 * Setup did when the restart booted a generalized Windows (one line per change; empty otherwise).
 * @throws TaskseqError('unsupported') when the state would be lost, TSUEFIDrive is not a FAT32 volume, the firmware
 *   cannot boot the installed OS, or Windows Setup would not resume the sequence; the state is unchanged then
 */
export function restartMachine(ctx: RestartContext, target: BootTarget, options?: RebootOptions): string[] {
  const { firmware, staging, boot } = prepareRestart(ctx, target, options);
  if (staging) stage(ctx, staging);
  ctx.state.storage.firmware = firmware;
  ctx.state.environment.inWinPE = target === 'WinPE';
  reassignLetters(ctx);
  if (!boot) return [];
  const booted = completeBoot(boot, windowsLetter(ctx), ctx.profile.system.serialNumber);
  ctx.state.environment.machineName = booted.computerName;
  return booted.setup;
}
