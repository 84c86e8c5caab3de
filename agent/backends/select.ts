/**
 * The composition root of a machine: the one module that reads `--machine` (a built-in profile name, a profile JSON
 * file, or `local`: the facts of this PC) and builds the backend that drives it. The CLI commands and the runner ask
 * here instead of interpreting the option themselves; a new backend is one entry in {@link BACKENDS}.
 */
import { InvalidInputError, type MachineCall, type MachineJudge } from '../../engine/index.ts';
import type { BackendFactory } from './backend.ts';
import type { ConnectedShare } from './host-files/shares.ts';
import { DEFAULT_MACHINE } from './default-machine.ts';
import type { TargetRequest } from './live/target-request.ts';
import type { LinuxBackendOptions } from './linux/linux-backend.ts';
import { liveClockReading } from './live/live-clock.ts';
import { LINUX_MACHINE_DESCRIPTION } from './linux/linux-identity.ts';
import { linuxCallRefusal, linuxCommandPlanner } from './linux/linux-command-plan.ts';
import type { CommandPlanner, DeviceNames } from './plan/command-plan.ts';
import { PLAN_DEVICE_NAMES } from './plan/device-names.ts';
import { recordingBackend, type PlanSink } from './plan/plan-recorder.ts';
import { winpeCallRefusal } from './winpe/winpe-call-refusal.ts';
import { winpeCommandPlanner } from './winpe/winpe-command-plan.ts';
import { thisWindowsHost, type WindowsHost } from './winpe/winpe-host.ts';
import { WINPE_MACHINE_DESCRIPTION } from './winpe/winpe-identity.ts';
import { createLocalProcessRunner } from './process/local-runner.ts';
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
  /** `--target-disk` values (a live backend touches only these disks). */
  targetDisks?: readonly string[];
  /** `--yes`: a live backend may touch the disks the sequence's steps name. */
  yes?: boolean;
  /** `--firmware`: the firmware a live backend deploys for, when not the one it booted with. */
  firmware?: 'UEFI' | 'BIOS';
  /** `--share`: the network shares the run reaches and their host folders (every backend honours them). */
  shares?: readonly ConnectedShare[];
  /**
   * The Windows PC the winpe backend runs on, in place of this one: a test's stand-in with a runner that replays
   * recorded program output and folders for drive letters. Absent: this PC.
   */
  windowsHost?: WindowsHost;
}

/** What the sequence tells the machine before it starts: the disk numbers its steps name (for `--yes`). */
export interface OpenContext {
  sequenceDisks?: readonly number[];
}

/** The machine a command works on: its facts, read and validated once, and its backend. */
export interface MachineSelection {
  /** The machine's facts in the profile form (for `local`: captured from this PC). */
  readonly profile: MachineProfile;
  readonly backend: BackendKind;
  /** The backend, bound to the folder of the state folder that keeps the machine between restarts. */
  open(machineDir: string, context?: OpenContext): BackendFactory;
}

interface BackendEntry {
  /** Undefined for a backend this version can plan for but not run. */
  open?(profile: MachineProfile, machineDir: string, local: boolean, target: TargetRequest, request: MachineRequest): BackendFactory;
  /** Runs on the PC it is started on: its facts are this PC's (`--machine local`). */
  live?: boolean;
  /** The only `process.platform` a run may start on (the programs it drives exist nowhere else). */
  platform?: string;
  /** What the backend runs for each changing call; undefined for the simulated machine, which runs nothing. */
  planner?(names: DeviceNames): CommandPlanner;
  /** What the backend refuses whatever happens before it: a run refuses such a step before it starts. */
  refusal?(call: MachineCall): string | undefined;
}

/** One entry per backend; each gets the profile the request names. */
const BACKENDS: Readonly<Record<BackendKind, BackendEntry>> = {
  simulated: { open: (profile, machineDir, local, _target, request) => simulatedBackend(profile, machineDir, { local, shares: request.shares ?? [] }) },
  linux: { live: true, open: (profile, machineDir, _local, target, request) => lazyLinux(profile, machineDir, { target, firmware: request.firmware, shares: request.shares ?? [] }), planner: (names) => linuxCommandPlanner(names), refusal: linuxCallRefusal },
  winpe: { live: true, platform: 'win32', open: (profile, machineDir, _local, target, request) => lazyWinpe(profile, machineDir, target, request), planner: () => winpeCommandPlanner(), refusal: winpeCallRefusal },
};


/**
 * The Linux backend, loaded when the run starts it: `validate`, `plan` and simulated runs (and the single-file
 * agent's start-up) do not pay for the live backend's modules.
 */
function lazyLinux(profile: MachineProfile, machineDir: string, options: LinuxBackendOptions): BackendFactory {
  const load = async () => (await import('./linux/linux-backend.ts')).linuxBackend(profile, machineDir, options);
  return {
    description: LINUX_MACHINE_DESCRIPTION,
    clockBeforeStart: liveClockReading,
    checkBeforeStart: async () => (await load()).checkBeforeStart?.(),
    start: async (start) => (await load()).start(start),
  };
}

/** The Windows backend, loaded when the run starts it (as {@link lazyLinux}). */
function lazyWinpe(profile: MachineProfile, machineDir: string, target: TargetRequest, request: MachineRequest): BackendFactory {
  const stand = request.windowsHost;
  // On Windows the one runner picker gives the Windows process runner, which takes Run Command Line's `line`.
  const host = () => stand ?? thisWindowsHost(createLocalProcessRunner(), machineDir);
  const load = async () => (await import('./winpe/winpe-backend.ts')).winpeBackend(profile, machineDir, { target, host: host(), shares: request.shares ?? [] });
  return {
    description: WINPE_MACHINE_DESCRIPTION,
    clockBeforeStart: liveClockReading,
    checkBeforeStart: async () => (await load()).checkBeforeStart?.(),
    start: async (start) => (await load()).start(start),
  };
}

/**
 * The judge the preflight asks about every step of a run on `request`'s backend (see engine/preflight/machine-calls.ts);
 * undefined for a backend that refuses nothing in advance, and for a plan, which shows refusals under their steps.
 */
export function machineJudgeFor(request: MachineRequest): MachineJudge | undefined {
  if (request.plan) return undefined;
  const backend = backendFor(request);
  const refusal = BACKENDS[backend].refusal;
  return refusal && { backend, refusal: (call) => refusal(call) };
}

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
  const backend = backendFor(request);
  const machine = request.machine ?? (BACKENDS[backend].live && !request.plan ? LOCAL_MACHINE : DEFAULT_MACHINE);
  const local = machine === LOCAL_MACHINE;
  if (BACKENDS[backend].live && !request.plan && !local) {
    throw new InvalidInputError(`the ${backend} backend deploys the PC it runs on: use --machine local (or leave --machine out), not ${machine}`,
      [{ severity: 'error', code: 'bad-option', field: '--machine', message: `a live backend runs on this PC` }]);
  }
  const platform = request.backend === 'winpe' && request.windowsHost ? request.windowsHost.platform : process.platform;
  const needs = BACKENDS[backend].platform;
  if (needs && !request.plan && platform !== needs) {
    throw new InvalidInputError(`the ${backend} backend runs only on Windows (Windows PE or the full OS): diskpart, DISM and bcdboot do not exist on ${platform}; \`taskseq plan --backend ${backend}\` shows what it would run`,
      [{ severity: 'error', code: 'bad-option', field: '--backend', message: `${backend} needs Windows` }]);
  }
  const standIn = backend === 'winpe' && !request.plan ? request.windowsHost?.profile : undefined;
  const profile = local ? checkMachineProfile(standIn ?? await captureLocalProfile()) : loadProfile(machine);
  if (request.firmware && !BACKENDS[backend].live) {
    throw new InvalidInputError(`--firmware is for a live backend (the ${backend} machine's firmware comes from its profile)`, [{ severity: 'error', code: 'bad-option', field: '--firmware', message: 'needs a live backend' }]);
  }
  const open = request.plan ? planOpener(backend, request.plan) : runOpener(backend);
  return {
    profile, backend,
    open: (machineDir, context = {}) => open(profile, machineDir, local, { targetDisks: request.targetDisks ?? [], yes: request.yes === true, sequenceDisks: context.sequenceDisks ?? [] }, request),
  };
}

/**
 * `--backend` when given; else `--machine local` runs on the live backend of this platform (a run only: a plan of
 * this PC walks the simulated one), and everything else on the simulated machine.
 */
function backendFor(request: MachineRequest): BackendKind {
  if (request.backend) return request.backend;
  if (request.machine === LOCAL_MACHINE && !request.plan) return liveBackendOf() ?? DEFAULT_BACKEND;
  return DEFAULT_BACKEND;
}

type Opener = (profile: MachineProfile, machineDir: string, local: boolean, target: TargetRequest, request: MachineRequest) => BackendFactory;

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
  return (profile, machineDir, local, target, request) => {
    const factory = BACKENDS.simulated.open!(profile, machineDir, local, target, request);
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

