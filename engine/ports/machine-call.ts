/**
 * A changing call a step will make of the machine, as its options tell before the run, and the judge a live backend
 * gives the preflight (see engine/preflight/machine-calls.ts).
 */
/** A call that changes the machine, as a step declares it before the run (values unexpanded). */
export type MachineCall =
  /** The Commands port: a command line (`%VAR%` references still in it) or a PowerShell script. */
  | { kind: 'command'; commandKind: 'command-line' | 'powershell'; commandLine?: string; field?: string }
  /** Sysprep of the running Windows. */
  | { kind: 'generalize' }
  /** ScanState or LoadState. */
  | { kind: 'user-state'; operation: 'capture' | 'restore' }
  /** A disk the step rewrites, by its number (only when the sequence gives the number itself, not a variable). */
  | { kind: 'disk'; index: number; field?: string }
  /** A restart the step asks for when it succeeds. */
  | { kind: 'restart'; target: 'HD' | 'WinPE'; field?: string };

/** The machine a run will drive, as the preflight asks it. */
export interface MachineJudge {
  /** Named in messages: `linux`. */
  backend: string;
  /** Why the backend refuses `call` whatever happens before it, or undefined when it may do it. */
  refusal(call: MachineCall): string | undefined;
}

