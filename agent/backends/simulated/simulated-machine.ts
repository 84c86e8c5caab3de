/** A simulated PC: a machine profile plus persisted state, exposed through the engine's ports. */
import {
  InvalidInputError, TaskseqError,
  type ClockPort, type CommandsPort, type MachineProbe, type MediaType, type SystemInfoPort,
} from '../../../engine/index.ts';
import {
  profileFingerprint, readMachineState, stateFilePath, writeMachineState, type MachineState,
} from './machine-state.ts';
import { renderProfileProblems, validateProfile } from './profile-validate.ts';
import type { BootTarget, MachineProfile } from './profile-types.ts';
import { createSimulatedCommands, type CommandRecord } from './simulated-commands.ts';
import { createSimulatedProbe } from './simulated-probe.ts';
import { createSimulatedSystemInfo } from './simulated-system-info.ts';
import { createVirtualClock } from './virtual-clock.ts';

/** Virtual time a restart takes. */
export const REBOOT_MS = 60_000;

export interface SimulatedMachineOptions {
  /** Folder of `machine-state.json`; created when missing. */
  stateDir: string;
  /** Unscripted commands fail with exit code 2 instead of succeeding with a warning. */
  strictCommands?: boolean;
  /** Overrides the profile's media type on a fresh start (a resumed run keeps its saved environment). */
  mediaType?: MediaType;
}

export interface SimulatedMachine {
  readonly profile: MachineProfile;
  readonly ports: { probe: MachineProbe; system: SystemInfoPort; commands: CommandsPort; clock: ClockPort };
  /**
   * Restarts into the boot image (`WinPE`, always works) or the installed OS (`HD`, needs `os`); takes
   * {@link REBOOT_MS} of virtual time and saves the state.
   * @throws TaskseqError('unsupported') when the machine cannot boot the target
   */
  reboot(target: BootTarget): void;
  /** Persists the mutable state to `<stateDir>/machine-state.json` atomically. */
  save(): void;
  /** The machine's current state in the profile's JSON form. */
  finalState(): MachineProfile;
  /** Commands run so far, oldest first; secret command lines are replaced by a placeholder. */
  history(): CommandRecord[];
}

function defaultMachineName(profile: MachineProfile): string {
  const serial = profile.system.serialNumber.replace(/[^A-Za-z0-9]/g, '').slice(0, 7).toUpperCase();
  return `MININT-${serial || 'SIM0001'}`;
}

function freshState(profile: MachineProfile, options: SimulatedMachineOptions): MachineState {
  const env = profile.environment;
  return {
    format: 'taskseq-machine-state', version: 1, profile: profile.name, fingerprint: profileFingerprint(profile),
    environment: {
      inWinPE: env.inWinPE, mediaType: options.mediaType ?? env.mediaType, launchMode: env.launchMode,
      machineName: env.machineName ?? defaultMachineName(profile),
    },
    clock: new Date(Date.parse(profile.firmware.clock)).toISOString(),
    bootCount: 0,
    commandRuns: (profile.commands ?? []).map(() => 0),
    history: [],
  };
}

function checkedProfile(profile: MachineProfile): MachineProfile {
  const problems = validateProfile(profile, `machine profile ${profile?.name ?? '(unnamed)'}`);
  if (problems.length > 0) {
    throw new InvalidInputError(`invalid machine profile:\n${renderProfileProblems(problems)}`, problems);
  }
  return structuredClone(profile);
}

function bootCheck(profile: MachineProfile, target: BootTarget): void {
  if (target === 'HD' && !profile.os) {
    throw new TaskseqError('unsupported',
      `cannot boot the installed OS: profile ${profile.name} has no installed Windows (os)`);
  }
}

/**
 * A simulated machine for `profile`. When `<stateDir>/machine-state.json` exists (a resumed run), the machine
 * continues from it.
 * @throws InvalidInputError for an invalid profile or a saved state from another profile
 */
export function createSimulatedMachine(input: MachineProfile, options: SimulatedMachineOptions): SimulatedMachine {
  const profile = checkedProfile(input);
  const file = stateFilePath(options.stateDir);
  const state = readMachineState(file, profile) ?? freshState(profile, options);
  const clock = createVirtualClock(Date.parse(state.clock));
  const save = () => {
    state.clock = new Date(clock.now()).toISOString();
    writeMachineState(file, state);
  };
  const commands = createSimulatedCommands({
    profileName: profile.name, commands: profile.commands ?? [], strict: options.strictCommands ?? false, clock,
    runCounts: state.commandRuns,
    record: (entry) => { state.history.push(entry); save(); },
  });
  const view = () => ({ profile, inWinPE: state.environment.inWinPE, machineName: state.environment.machineName });
  return {
    profile,
    ports: { probe: createSimulatedProbe(view), system: createSimulatedSystemInfo(profile, () => state), commands, clock },
    reboot(target) {
      bootCheck(profile, target);
      state.environment.inWinPE = target === 'WinPE';
      state.bootCount += 1;
      clock.advance(REBOOT_MS);
      save();
    },
    save,
    finalState: () => renderFinalState(profile, state, clock.now()),
    history: () => state.history.map((h) => ({ ...h })),
  };
}

function renderFinalState(profile: MachineProfile, state: MachineState, nowMs: number): MachineProfile {
  const out = structuredClone(profile);
  out.environment = { ...out.environment, ...structuredClone(state.environment) };
  out.firmware = { ...out.firmware, clock: new Date(nowMs).toISOString() };
  return out;
}
