/**
 * The composition root of a machine: the one module that reads `--machine` (a built-in profile name, a profile JSON
 * file, or `local`: the facts of this PC) and builds the backend that drives it. The CLI commands and the runner ask
 * here instead of interpreting the option themselves; a new backend is one entry in {@link BACKENDS}.
 */
import { InvalidInputError } from '../../engine/index.ts';
import type { BackendFactory } from './backend.ts';
import { DEFAULT_MACHINE } from './default-machine.ts';
import { linuxCommandPlanner } from './linux/linux-command-plan.ts';
import type { CommandPlanner, DeviceNames } from './plan/command-plan.ts';
import { recordingBackend, type PlanSink } from './plan/plan-recorder.ts';
import { winpeCommandPlanner } from './winpe/winpe-command-plan.ts';
import {
  captureLocalProfile, checkMachineProfile, listBuiltinProfiles, loadProfile, simulatedBackend, type MachineProfile,
} from './simulated/index.ts';

/** The `--machine` value that stands for this PC. */
export const LOCAL_MACHINE = 'local';

export { DEFAULT_MACHINE } from './default-machine.ts';

/** The backends a run can be driven by. */
export type BackendKind = 'simulated' | 'linux' | 'winpe';

/** The backends that drive a real machine. */
export type LiveBackendKind = Exclude<BackendKind, 'simulated'>;

export const BACKEND_KINDS: readonly BackendKind[] = ['simulated', 'linux', 'winpe'];

/** The backend a run uses when none is chosen. */
export const DEFAULT_BACKEND: BackendKind = 'simulated';

/** What `--machine` and `--backend` ask for, as the command line gives them. */
export interface MachineRequest {
  machine?: string;
  backend?: BackendKind;
  /**
   * A plan, not a run: the machine is simulated and every changing call is also recorded here as what the live
   * `backend` would run. Needs a live backend.
   */
  plan?: PlanSink;
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
  /** Undefined for a backend this version can plan for but not run. */
  open?(profile: MachineProfile, machineDir: string, local: boolean): BackendFactory;
  /** What the backend runs for each changing call; undefined for the simulated machine, which runs nothing. */
  planner?(names: DeviceNames): CommandPlanner;
}

/** One entry per backend; each gets the profile the request names. */
const BACKENDS: Readonly<Record<BackendKind, BackendEntry>> = {
  simulated: { open: (profile, machineDir, local) => simulatedBackend(profile, machineDir, { local }) },
  linux: { planner: (names) => linuxCommandPlanner(names) },
  winpe: { planner: () => winpeCommandPlanner() },
};

/** How a plan names devices it has not probed: `<disk 0>`, `<disk 0 partition 3>`. */
export const PLAN_DEVICE_NAMES: DeviceNames = {
  disk: (d) => `<disk ${d.index}>`,
  partition: (d, p) => `<disk ${d.index} partition ${p.number}>`,
};

/** The live backend of the platform the agent runs on (Linux: `linux`, Windows: `winpe`). */
export function liveBackendOf(platform: string = process.platform): LiveBackendKind | undefined {
  return platform === 'linux' ? 'linux' : platform === 'win32' ? 'winpe' : undefined;
}

/**
 * `--backend` as typed.
 * @throws InvalidInputError naming the option for anything else
 */
export function parseBackend(value: string | undefined, option = '--backend'): BackendKind | undefined {
  if (value === undefined || (BACKEND_KINDS as readonly string[]).includes(value)) return value as BackendKind | undefined;
  throw new InvalidInputError(`${option} must be one of ${BACKEND_KINDS.join(', ')} (got "${value}")`, [{ severity: 'error', code: 'bad-option', field: option, message: `expected ${BACKEND_KINDS.join(', ')}` }]);
}

/**
 * The machine `request` names; `--machine` defaults to {@link DEFAULT_MACHINE}.
 * @throws InvalidInputError for an unknown name, a missing or invalid profile file, or an invalid captured profile
 */
export async function selectMachine(request: MachineRequest = {}): Promise<MachineSelection> {
  const machine = request.machine ?? DEFAULT_MACHINE;
  const local = machine === LOCAL_MACHINE;
  const profile = local ? checkMachineProfile(await captureLocalProfile()) : loadProfile(machine);
  const backend = request.backend ?? DEFAULT_BACKEND;
  const open = request.plan ? planOpener(backend, request.plan) : runOpener(backend);
  return { profile, backend, open: (machineDir) => open(profile, machineDir, local) };
}

type Opener = (profile: MachineProfile, machineDir: string, local: boolean) => BackendFactory;

function runOpener(kind: BackendKind): Opener {
  const open = BACKENDS[kind].open;
  if (open) return open;
  throw new InvalidInputError(`the ${kind} backend cannot run deployments in this version; \`taskseq plan --backend ${kind}\` shows what it would run`,
    [{ severity: 'error', code: 'bad-option', field: '--backend', message: `${kind} runs are not available yet` }]);
}

/** The simulated machine carries the run; the live backend's planner writes down what it would have run. */
function planOpener(kind: BackendKind, sink: PlanSink): Opener {
  const planner = BACKENDS[kind].planner?.(PLAN_DEVICE_NAMES);
  const installed = BACKENDS.winpe.planner!(PLAN_DEVICE_NAMES);
  if (!planner) {
    throw new InvalidInputError(`a plan shows what a live backend would run; ${kind} is not one (use ${BACKEND_KINDS.filter((k) => BACKENDS[k].planner).join(' or ')})`,
      [{ severity: 'error', code: 'bad-option', field: '--backend', message: 'expected a live backend' }]);
  }
  return (profile, machineDir, local) => {
    const factory = BACKENDS.simulated.open!(profile, machineDir, local);
    const planners = { bootImage: { backend: kind, planner }, installedWindows: { backend: 'winpe', planner: installed } };
    return { ...factory, start: async (options) => recordingBackend(await factory.start(options), planners, sink) };
  };
}

/** The built-in machine profiles (`taskseq machines`), default first. */
export function builtinMachines(): Array<{ name: string; description: string }> {
  return listBuiltinProfiles();
}

/** The facts of this PC as a profile (`taskseq machines --capture local`), unvalidated: a start for editing. */
export function captureThisMachine(): Promise<MachineProfile> {
  return captureLocalProfile();
}

