/**
 * The composition root of a machine: the one module that reads `--machine` (a built-in profile name, a profile JSON
 * file, or `local`: the facts of this PC) and builds the backend that drives it. The CLI commands and the runner ask
 * here instead of interpreting the option themselves; a new backend is one entry in {@link BACKENDS}.
 */
import type { BackendFactory } from './backend.ts';
import { DEFAULT_MACHINE } from './default-machine.ts';
import {
  captureLocalProfile, checkMachineProfile, listBuiltinProfiles, loadProfile, simulatedBackend, type MachineProfile,
} from './simulated/index.ts';

/** The `--machine` value that stands for this PC. */
export const LOCAL_MACHINE = 'local';

export { DEFAULT_MACHINE } from './default-machine.ts';

/** The backends a run can be driven by. */
export type BackendKind = 'simulated';

/** The backend a run uses when none is chosen. */
export const DEFAULT_BACKEND: BackendKind = 'simulated';

/** What `--machine` (and later `--backend`) ask for, as the command line gives them. */
export interface MachineRequest {
  machine?: string;
  backend?: BackendKind;
}

/** The machine a command works on: its facts, read and validated once, and its backend. */
export interface MachineSelection {
  /** The machine's facts in the profile form (for `local`: captured from this PC). */
  readonly profile: MachineProfile;
  readonly backend: BackendKind;
  /** The backend, bound to the folder of the state folder that keeps the machine between restarts. */
  open(machineDir: string): BackendFactory;
}

interface BackendEntry {
  open(profile: MachineProfile, machineDir: string, local: boolean): BackendFactory;
}

/** One entry per backend; each gets the profile the request names. */
const BACKENDS: Readonly<Record<BackendKind, BackendEntry>> = {
  simulated: { open: (profile, machineDir, local) => simulatedBackend(profile, machineDir, { local }) },
};

/**
 * The machine `request` names; `--machine` defaults to {@link DEFAULT_MACHINE}.
 * @throws InvalidInputError for an unknown name, a missing or invalid profile file, or an invalid captured profile
 */
export async function selectMachine(request: MachineRequest = {}): Promise<MachineSelection> {
  const machine = request.machine ?? DEFAULT_MACHINE;
  const local = machine === LOCAL_MACHINE;
  const profile = local ? checkMachineProfile(await captureLocalProfile()) : loadProfile(machine);
  const backend = request.backend ?? DEFAULT_BACKEND;
  return { profile, backend, open: (machineDir) => BACKENDS[backend].open(profile, machineDir, local) };
}

/** The built-in machine profiles (`taskseq machines`), default first. */
export function builtinMachines(): Array<{ name: string; description: string }> {
  return listBuiltinProfiles();
}

/** The facts of this PC as a profile (`taskseq machines --capture local`), unvalidated: a start for editing. */
export function captureThisMachine(): Promise<MachineProfile> {
  return captureLocalProfile();
}

