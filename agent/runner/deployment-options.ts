/** What `taskseq run` is asked to do, grouped by the stage of the run that uses it. */
import type { MediaType, RunEvent } from '../../engine/index.ts';
import type { ConnectedShare } from '../backends/host-files/shares.ts';
import type { PlanSink } from '../backends/plan/plan-recorder.ts';
import type { BackendKind, MachineRequest } from '../backends/select.ts';
import type { MediaRun } from '../media/media-run.ts';

/** A variable given to the run (`--var`, `--secret-var`, a deployment source, a media's policy). */
export interface RunVariable {
  name: string;
  value: string;
  secret?: boolean;
}

/** What runs: the sequence, where it comes from, and the variables it starts with. */
export interface InputOptions {
  /** The sequence file; absent when the sequence comes from `sources`. */
  file?: string;
  /**
   * Deployment source base URLs (`--source`, repeatable): the sequence, its variables and the package manifests come
   * from the first that answers; content from any of them, in order.
   */
  sources?: string[];
  /** PEM file HTTPS sources and the status endpoint are verified against (`--ca-bundle`). */
  caBundle?: string;
  children?: string;
  /** A run from media (`--media`): sequence, variables, content, checks and prestart come from it; `file` is unused. */
  media?: MediaRun;
  variables: RunVariable[];
  allowUnknownSteps: boolean;
}

/** What the run fetches and stores off the machine: packages, drivers, user state. */
export interface ContentOptions {
  /** The content folder (`--content`); default: the `content` folder next to the sequence file. */
  folder?: string;
  /** The task sequence cache (`--cache`); default `<stateDir>/content-cache`. */
  cacheDir?: string;
  /** Driver catalog folder (one subfolder per driver package) for Auto Apply Drivers and MDT driver injection. */
  drivers?: string;
  /** Base URL of the state migration point (Request/Release State Store). */
  stateMigrationPoint?: string;
}

/** Which machine the run deploys and how it behaves. */
export interface MachineOptions {
  /** `--machine`: built-in profile name, a profile JSON file, or `local`; default: see `agent/backends/select.ts`. */
  machine?: string;
  /** The backend that drives the machine; default: see `agent/backends/select.ts`. */
  backend?: BackendKind;
  /** A plan (`taskseq plan`): the machine is simulated and `backend`'s commands are recorded here instead of run. */
  plan?: PlanSink;
  /** `--target-disk` values: the only disks a live backend may change. */
  targetDisks?: string[];
  /** `--yes`: a live backend may change the disks the sequence's steps name. */
  yes?: boolean;
  /** `--firmware`: the firmware a live backend deploys for, when not the one it booted with. */
  firmware?: 'UEFI' | 'BIOS';
  /** `--share`: the network shares the run reaches, each at its host folder (checked by the command line). */
  shares?: ConnectedShare[];
  /** A stand-in for the Windows PC of the winpe backend (tests); see `MachineRequest.windowsHost`. */
  windowsHost?: MachineRequest['windowsHost'];
  /** The media the run starts from (`--media-type`), when no media folder decides it. */
  mediaType?: MediaType;
  strictCommands: boolean;
}

/** Where the run keeps its state and reports. */
export interface OutputOptions {
  stateDir: string;
  logDir: string;
  logFormat: 'cmtrace' | 'json';
  /** Endpoint that receives JSON status events (`--status-url`). */
  statusUrl?: string;
  /** Throw away a journal found in the state folder and start from the first step. */
  reset: boolean;
  /** One short line per step for the terminal (and a step's progress at most every 10 %). */
  console?: (line: string) => void;
  /** Every run event as a JSON line, redacted as in the JSON log, as it happens (`run --json` prints them). */
  eventLines?: (line: string) => void;
  /** Every run event the log receives, for a caller that follows the run (`taskseq plan`). */
  onEvent?: (event: RunEvent) => void;
}

export interface DeploymentOptions {
  input: InputOptions;
  content: ContentOptions;
  machine: MachineOptions;
  output: OutputOptions;
}

/** The version written into journals; a journal from another version is refused. */
export const ENGINE_VERSION = '0.1.0';
