/** A simulated PC: a machine profile plus persisted state, exposed through the engine's ports. */
import {
  InvalidInputError, TaskseqError, type UserStatePort,
  type ClockPort, type CommandsPort, type DisksPort, type ImagingPort, type VolumesPort, type WindowsPort, type MachineProbe, type MediaType, type SystemInfoPort,
} from '../../../../engine/index.ts';
import { stateLocation, type StateLocation } from '../disks/disk-environment.ts';
import { diskImagePath } from '../disks/disk-state.ts';
import { createProfileStorage } from '../disks/disk-setup.ts';
import { runMbr2Gpt } from '../disks/mbr2gpt.ts';
import { createSimulatedDisks, listDisks } from '../disks/simulated-disks.ts';
import { createMachineImaging } from './machine-imaging.ts';
import type { ConnectedShare } from '../../host-files/shares.ts';
import { createVolumesPort } from './machine-volumes-port.ts';
import {
  createSimulatedVolumes, lookupVolume, type SimulatedVolumes, type StorageHost,
} from '../disks/simulated-volumes.ts';
import { checkRestart, restartMachine, type RebootOptions } from './machine-restart.ts';
import { renderFinalState } from './machine-final-state.ts';
import {
  profileFingerprint, readMachineState, stateFilePath, writeMachineState, type MachineState,
} from './machine-state.ts';
import { renderProfileProblems, validateProfile } from '../profile/profile-validate.ts';
import type { BootTarget, LaunchMode, MachineProfile } from '../profile/profile-types.ts';
import { createSimulatedCommands, type CommandRecord } from './simulated-commands.ts';
import { createSimulatedProbe } from '../wmi/simulated-probe.ts';
import { createSimulatedSystemInfo, systemDriveOf } from '../wmi/simulated-system-info.ts';
import { createVirtualClock } from './virtual-clock.ts';
import { bootWindowsRoot, seedProfileWindows } from '../windows/boot-windows.ts';
import { createWindowsPort, loadInstallation } from '../windows/machine-windows-port.ts';
import { profileAdapters } from '../windows/profile-adapters.ts';
import { createSimulatedUsmt } from '../user-state/simulated-usmt.ts';

/** Virtual time a restart takes. */
export const REBOOT_MS = 60_000;

export interface SimulatedMachineOptions {
  /** Folder of `machine-state.json`; created when missing. */
  stateDir: string;
  /** Unscripted commands fail with exit code 2 instead of succeeding with a warning. */
  strictCommands?: boolean;
  /** Overrides the profile's media type on a fresh start (a resumed run keeps its saved environment). */
  mediaType?: MediaType;
  /** Overrides the profile's launch mode on a fresh start, like `mediaType` (a run from media). */
  launchMode?: LaunchMode;
  /** The network shares the run connected, each at the host folder that stands for it (`--share`). */
  shares?: readonly ConnectedShare[];
}

export interface SimulatedMachine {
  readonly profile: MachineProfile;
  readonly ports: {
    probe: MachineProbe; system: SystemInfoPort; commands: CommandsPort; clock: ClockPort; disks: DisksPort;
    imaging: ImagingPort; volumes: VolumesPort; windows: WindowsPort;
    /** Capture and restore; the state migration point calls refuse (the runner supplies a client). */
    userState: UserStatePort;
  };
  /** Files of the volumes, with the file-system rules (later steps write through this). */
  readonly volumes: SimulatedVolumes;
  /**
   * Restarts into the boot image (`WinPE`, always boots) or the installed OS (`HD`: needs `os` and a disk the firmware
   * can boot); takes {@link REBOOT_MS} of virtual time and saves the state. A pending firmware switch (MBR2GPT, or
   * `uefiDrive` on BIOS firmware) applies at this restart, before the check.
   * @throws TaskseqError('unsupported') when the task sequence state would be lost (still on X:), `uefiDrive` is not a
   *   FAT32 volume, or the firmware cannot boot the target; the machine is unchanged then
   */
  reboot(target: BootTarget, options?: RebootOptions): { setup: string[] };
  /** Why {@link reboot} with these arguments would be refused now (the error it would throw), or undefined. */
  restartRefusal(target: BootTarget, options?: RebootOptions): TaskseqError | undefined;
  /** Where the task sequence keeps its state now; off the local disk, a restart is refused. */
  stateLocation(): Pick<StateLocation, 'onLocalDisk' | 'path'>;
  /** Persists the mutable state to `<stateDir>/machine-state.json` atomically. */
  save(): void;
  /** The machine's current state in the profile's JSON form. */
  finalState(): MachineProfile;
  /** Commands run so far, oldest first; secret command lines are replaced by a placeholder. */
  history(): CommandRecord[];
  /** Each disk's sparse image file (real MBR/GPT bytes that `sfdisk` and `sgdisk` read) and its style now. */
  diskImages(): SimulatedDiskImage[];
}

/** Where a simulated disk's bytes are. */
export interface SimulatedDiskImage {
  index: number;
  style: 'MBR' | 'GPT' | 'RAW';
  /** The image file (absolute when the state folder was given as an absolute path). */
  path: string;
}

/** The computer name Windows PE gives a machine the profile does not name: `MININT-` and the serial's start. */
export function defaultMachineName(profile: MachineProfile): string {
  const serial = profile.system.serialNumber.replace(/[^A-Za-z0-9]/g, '').slice(0, 7).toUpperCase();
  return `MININT-${serial || 'SIM0001'}`;
}

function freshState(profile: MachineProfile, options: SimulatedMachineOptions): MachineState {
  const env = profile.environment;
  return {
    format: 'taskseq-machine-state', version: 2, profile: profile.name, fingerprint: profileFingerprint(profile),
    environment: {
      inWinPE: env.inWinPE, mediaType: options.mediaType ?? env.mediaType, launchMode: options.launchMode ?? env.launchMode,
      machineName: env.machineName ?? defaultMachineName(profile),
    },
    clock: new Date(Date.parse(profile.firmware.clock)).toISOString(),
    bootCount: 0,
    commandRuns: (profile.commands ?? []).map(() => 0),
    history: [],
    storage: createProfileStorage(options.stateDir, profile),
  };
}

/**
 * `profile` validated, as a copy the machine may keep.
 * @throws InvalidInputError listing every problem
 */
export function checkMachineProfile(profile: MachineProfile): MachineProfile {
  const problems = validateProfile(profile, `machine profile ${profile?.name ?? '(unnamed)'}`);
  if (problems.length > 0) {
    throw new InvalidInputError(`invalid machine profile:\n${renderProfileProblems(problems)}`, problems);
  }
  return structuredClone(profile);
}

/**
 * A simulated machine for `profile`. When `<stateDir>/machine-state.json` exists (a resumed run), the machine
 * continues from it.
 * @throws InvalidInputError for an invalid profile or a saved state from another profile
 */
export function createSimulatedMachine(input: MachineProfile, options: SimulatedMachineOptions): SimulatedMachine {
  const profile = checkMachineProfile(input);
  return startSimulatedMachine(profile, options, readMachineState(stateFilePath(options.stateDir), profile));
}

/**
 * The machine of a profile {@link checkMachineProfile} accepted, continuing from `saved` (its state read from
 * `<stateDir>/machine-state.json` by the caller) or fresh when there is none.
 */
export function startSimulatedMachine(profile: MachineProfile, options: SimulatedMachineOptions, saved: MachineState | undefined): SimulatedMachine {
  const file = stateFilePath(options.stateDir);
  const state = saved ?? freshState(profile, options);
  if (!saved) seedProfileWindows(options.stateDir, profile, state.storage.disks, state.environment.machineName);
  const clock = createVirtualClock(Date.parse(state.clock));
  const save = () => {
    state.clock = new Date(clock.now()).toISOString();
    writeMachineState(file, state);
  };
  const host: StorageHost = {
    stateDir: options.stateDir, storage: () => state.storage, inWinPE: () => state.environment.inWinPE, save,
  };
  const commands = createSimulatedCommands({
    profileName: profile.name, commands: profile.commands ?? [], strict: options.strictCommands ?? false, clock,
    runCounts: state.commandRuns,
    record: (entry) => { state.history.push(entry); save(); },
    builtin: (commandLine) => runMbr2Gpt(host, commandLine),
  });
  const runningInstallation = () => {
    const root = bootWindowsRoot(options.stateDir, state.storage.disks);
    return root ? loadInstallation(root, { architecture: profile.system.architecture, machineName: () => state.environment.machineName }) : undefined;
  };
  const view = () => ({
    profile, inWinPE: state.environment.inWinPE, machineName: state.environment.machineName,
    disks: listDisks(host), opticalDrives: state.storage.opticalDrives.map((o) => o.letter).filter(Boolean),
    volumeRoot: (letter: string) => lookupVolume(host, letter)?.root,
    installation: state.environment.inWinPE ? undefined : runningInstallation(),
  });
  const system = createSimulatedSystemInfo(profile, () => state, options.stateDir, () => runningInstallation());
  const volumes = createSimulatedVolumes(host);
  const imaging = createMachineImaging(host, volumes, profile.system.architecture, options.shares ?? []);
  return {
    profile,
    ports: {
      probe: createSimulatedProbe(view), system, commands, clock, disks: createSimulatedDisks(host), imaging,
      volumes: createVolumesPort(volumes),
      windows: createWindowsPort({
        storage: host, volumes, architecture: profile.system.architecture, systemDrive: () => systemDriveOf(profile),
        machineName: () => state.environment.machineName, adapters: () => profileAdapters(profile),
      }),
      userState: {
        ...createSimulatedUsmt({ storage: host, architecture: profile.system.architecture, systemDrive: () => systemDriveOf(profile),
          machineName: () => state.environment.machineName, commands: profile.commands ?? [] }),
        requestStore: async () => { throw new TaskseqError('unsupported', 'no state migration point is configured'); },
        releaseStore: async () => { throw new TaskseqError('unsupported', 'no state migration point is configured'); },
      },
    },
    volumes,
    reboot(target, rebootOptions) {
      const setup = restartMachine({ profile, state, host }, target, rebootOptions);
      state.bootCount += 1;
      clock.advance(REBOOT_MS);
      save();
      return { setup };
    },
    restartRefusal: (target, rebootOptions) => checkRestart({ profile, state, host }, target, rebootOptions),
    stateLocation() {
      const where = stateLocation({ stateDir: options.stateDir, storage: state.storage,
        inWinPE: state.environment.inWinPE, systemDrive: systemDriveOf(profile) });
      return { onLocalDisk: where.onLocalDisk, path: where.path };
    },
    save,
    finalState: () => renderFinalState(profile, state, clock.now(), options.stateDir),
    history: () => state.history.map((h) => ({ ...h })),
    diskImages: () => state.storage.disks.map((d) => ({ index: d.index, style: d.style, path: diskImagePath(options.stateDir, d.index) })),
  };
}
