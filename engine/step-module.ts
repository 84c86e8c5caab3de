/**
 * The contract between the engine and step plug-ins. A step module turns a step's options into work through ports;
 * it never touches files, processes or hardware itself.
 */
import type { Expansion } from '../variables/index.ts';
import type { StepNode, SubTaskSequenceNode, Condition } from './definition/model.ts';
import type { Problem } from './problems.ts';
import type { OperationProgress, PortName, Ports, SystemFacts, EnvironmentFacts } from './ports/index.ts';
import type { ConditionResult } from './conditions/types.ts';
import type { StepManifest } from './options/step-manifest.ts';
import type { MachineCall } from './ports/machine-call.ts';

/** Where a step may run. */
export type StepEnvironment = 'WinPE' | 'FullOS' | 'both';

/** A step as validation sees it: the node and its options by WMI property name (from `defaultVarList`). */
export interface StepDefinitionView {
  node: StepNode | SubTaskSequenceNode;
  /** `property` -> value of the `defaultVarList` entry carrying it (unexpanded). */
  options: Record<string, string>;
  /** `property` -> variable name carrying it (so a global of that name can override). */
  optionVariables: Record<string, string>;
  /** Conditions of the enclosing groups, innermost first (the step runs only when all of them hold). */
  enclosingConditions?: Condition[];
  /**
   * The network shares the run connects (`\\server\share`), when the check is for a run that knows them (a run or
   * a plan); undefined for `validate`, where a path on a share can only be warned about.
   */
  connectedShares?: readonly string[];
}

/** A finding from a step's own validation; the engine adds file, path and line. */
export type StepProblem = Omit<Problem, 'file' | 'path' | 'line' | 'column'>;

export interface StepInfo {
  index: number;
  /** `Group/Sub group/Step name`. */
  path: string;
  name: string;
  /** The `type` attribute, or `(command line)` for an MDT step without one. */
  type: string;
  /** `<action>` before expansion. */
  action?: string;
  startIn?: string;
  timeoutSeconds?: number;
  successCodes: readonly number[];
  node: StepNode | SubTaskSequenceNode;
}

/** Variable access for a running step: `_` names are read-only (writes throw `VariableError`). */
export interface StepVariables {
  get(name: string): string | undefined;
  has(name: string): boolean;
  isSecret(name: string): boolean;
  /** Sets a global variable (empty deletes). @throws VariableError for `_` names and limits. */
  set(name: string, value: string, options?: { secret?: boolean }): void;
  /** `%NAME%` expansion; `secret` tells whether a secret went in. */
  expand(text: string): Expansion;
  /**
   * Sets an engine-owned `_` variable. Only for steps whose documented behaviour sets built-ins
   * (Set Dynamic Variables gathers `_SMSTSMake`, `_SMSTSModel`, ...).
   */
  setBuiltIn(name: string, value: string): void;
}

export interface StepLog {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** How far one activity of a running step has got (`Applying image 1`, 40 %). */
export interface StepProgress extends OperationProgress {
  /** What the step is doing, as a person reads it; redacted like every other text of the run. */
  activity: string;
}

export interface StepContext {
  readonly step: StepInfo;
  /**
   * Current value of the option carried by `property`: the variable named in `defaultVarList` (a global of the
   * same name wins over the step default), `%VAR%`-expanded. Undefined when absent or empty.
   */
  option(property: string): string | undefined;
  /** Like {@link option} but with secrecy, for values that go into command lines. */
  optionExpansion(property: string): Expansion | undefined;
  readonly vars: StepVariables;
  readonly facts: SystemFacts;
  readonly environment: EnvironmentFacts;
  readonly ports: Ports;
  readonly log: StepLog;
  /** Aborted when the step's `timeout` expires. */
  readonly signal: AbortSignal;
  /** Evaluates a condition (e.g. a Set Dynamic Variables rule) against the current variables and machine. */
  evaluateCondition(condition: Condition): ConditionResult;
  /**
   * Asks for a restart after this step (sets `SMSTSRebootRequested`, and `SMSTSRetryRequested` when `retry`).
   */
  requestReboot(request: { target: 'HD' | 'WinPE'; retry?: boolean }): void;
  /**
   * Asks for the computer to shut down after this step succeeds: the task sequence ends there (the steps after it do
   * not run) and the run reports success. Ignored when the step fails.
   */
  requestShutdown(): void;
  /**
   * Reports how far an activity has got; pass it on as a port's `onProgress` (`(p) => ctx.progress({ activity, ...p })`).
   * Never blocks and never throws: the engine throttles it to whole percents, and drops it once the step has ended.
   */
  progress(report: StepProgress): void;
}

/** What a step reports; the engine judges `exitCode` against the step's success codes. */
export interface StepResult {
  exitCode: number;
  /** Console output (last part kept by the engine for output-to-variable options). */
  output?: string;
  /** One line for the log and the report, e.g. why it failed. Redacted by the engine. */
  message?: string;
}

export interface StepModule {
  /** Folder name, kebab-case: `run-command-line`. */
  id: string;
  /** Log component, e.g. `InstallSoftware` (Run Command Line). */
  component: string;
  /**
   * The step's facts: the types it handles (with display name and default `runIn`) and its options by kind. The
   * registry, the definition's type check, the static option checks, `packages`, the secret variables and the option
   * tables of docs/steps.md come from it.
   */
  manifest: StepManifest;
  runIn: StepEnvironment;
  /** Safe to run again after an interruption without `retryCount`. */
  rerunnable: boolean;
  /** `ignored`: the step's continue-on-error setting has no effect (a failure always propagates), as documented for it. */
  continueOnError?: 'ignored';
  ports: readonly PortName[];
  /**
   * Static checks of the options (pure). Without it the preflight checks each option by its manifest kind; with it
   * the module judges its options itself, reading them by kind through the engine's `parseOptions` or
   * `convertOption` and adding the rules across options, so each problem comes once and in the step's order.
   */
  validate?(view: StepDefinitionView): StepProblem[];
  /**
   * Package ids the step will take from the Content port beyond its manifest's package options (pure), e.g. from a
   * list: the preflight refuses a run whose packages are missing before anything happens. Values that reference
   * `%VAR%` are left out (known at run time only).
   */
  packages?(view: StepDefinitionView): string[];
  /**
   * The changing calls the step will make of the machine, as far as its options tell (pure): a live backend that
   * refuses one of them refuses the run before anything is touched (see engine/preflight/machine-calls.ts). A call
   * that depends on a value known only at run time is given as written (`%VAR%` unexpanded); the backend decides.
   */
  machineCalls?(view: StepDefinitionView): MachineCall[];
  run(ctx: StepContext): Promise<StepResult>;
}
