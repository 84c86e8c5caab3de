/**
 * The data the interpreter's pure transition function works with: what happened (events), where the run is
 * (state), what the program and its step modules say (the view) and what must be done (effects). Everything here is
 * plain data, so `decide` can be tested by comparing values and a decision can be persisted in the run's snapshot.
 */
import type { Program } from '../program/index.ts';
import type { StepRecord } from '../journal/records.ts';
import type { StepEnvironment } from '../step-module.ts';

/** What the interpreter needs to know of the module that runs an instruction. */
export interface StepTraits {
  runIn: StepEnvironment;
  /** Safe to run again after an unexpected restart without `retryCount`. */
  rerunnable: boolean;
  /** The step's continue-on-error setting has no effect. */
  continueOnErrorIgnored: boolean;
}

/** The program and, by instruction index, the traits of the module that runs it (undefined: no module). */
export interface ProgramView {
  program: Program;
  traits: ReadonlyArray<StepTraits | undefined>;
}

/** A judged step result. */
export interface StepExecution {
  record: StepRecord;
  succeeded: boolean;
  /** The machine refused the restart the step asked for: ConfigMgr then fails the sequence whatever continue on error says. */
  restartRefused?: boolean;
}

/** What the machine looks like when an event happens (read by the executor just before it). */
export interface RunFacts {
  inWinPE: boolean;
  /** `SMSTSRebootRequested` and `SMSTSRetryRequested` as they are now. */
  rebootRequested?: string;
  retryRequested?: string;
}

/** The answer to "does this instruction's condition hold?". */
export type ConditionVerdict = { holds: true } | { holds: false; falseClause: string } | { error: string };

export type RunEvent =
  /** Find the next instruction to run from the state's `ip`. */
  | { type: 'dispatch'; facts: RunFacts }
  /** The condition the previous decision asked about was evaluated. */
  | { type: 'condition'; ip: number; verdict: ConditionVerdict; facts: RunFacts }
  /** This instance was restored with the step at `ip` started and without a result: an unexpected restart. */
  | { type: 'interrupted'; ip: number; attempt: number }
  /** The step at `ip` ran and was judged; `shutdownRequested` when it asked to shut the computer down. */
  | { type: 'step-done'; ip: number; execution: StepExecution; shutdownRequested: boolean; facts: RunFacts };

/** The part of the interpreter's context a decision reads. */
export interface DecideState {
  ip: number;
  attempt: number;
  /** The step that was running when the previous instance stopped without a result (persisted until dispatched). */
  interrupted?: { ip: number; attempt: number };
}

/** Where the run goes: the interpreter state to enter and its context. */
export interface Decision extends DecideState {
  value: 'dispatching' | 'running' | 'rebooting' | 'succeeded' | 'failed';
  /** A judged result (the journal writes it once). */
  last?: StepRecord;
  exitCode?: number;
  reboot?: { target: 'HD' | 'WinPE'; afterStep: number };
  /** The step whose request shut the computer down, ending the run. */
  shutdownAfter?: number;
}

/** Work for the executor, in order. Texts are as decided: the executor redacts them on their way out. */
export type Effect =
  | { kind: 'set-variable'; name: string; value: string }
  | { kind: 'log'; severity: 'info' | 'warning' | 'error'; message: string }
  /** Journal the skip and report it. */
  | { kind: 'record-skip'; record: StepRecord }
  /** Report the result of an instruction that failed without running (the journal writes it with the decision). */
  | { kind: 'report-result'; record: StepRecord }
  /** Evaluate the condition of the instruction at `ip` and decide again with a `condition` event. */
  | { kind: 'evaluate-condition'; ip: number };

export interface Decided {
  state: Decision;
  effects: Effect[];
}
