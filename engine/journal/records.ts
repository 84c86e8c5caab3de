/**
 * What the journal records. The engine appends one record before each step (durable before the step's first side
 * effect), one after each result, one before every reboot and one after boot; skips ride along with the next durable
 * record. Replaying the records rebuilds the variables, the report and where to continue.
 */

/** A variable change; secret values are sealed (`s: true`) and never stored in clear. */
export interface VarChange {
  n: string;
  /** New value, sealed when `s`; null = deleted. */
  v: string | null;
  s?: true;
}

/** One line of the run report (`--json` steps). */
export interface StepRecord {
  index: number;
  path: string;
  name: string;
  type: string;
  outcome: 'succeeded' | 'failed' | 'skipped' | 'disabled';
  reason?: string;
  exitCode?: number;
  startedInWinPE: boolean;
}

export interface RebootRecord {
  afterStep: number;
  target: 'HD' | 'WinPE';
}

export interface HeaderRecord {
  t: 'header';
  engineVersion: string;
  sequenceHash: string;
  packageId: string;
  sequenceName: string;
}

/** Full state, written at the start and when the journal is compacted. */
export interface CheckpointRecord {
  t: 'checkpoint';
  vars: VarChange[];
  snapshot: unknown;
  steps: StepRecord[];
  reboots: RebootRecord[];
  pendingReboot?: { target: 'HD' | 'WinPE' };
}

export interface StartRecord {
  t: 'start';
  ip: number;
  attempt: number;
  vars: VarChange[];
  /** Interpreter snapshot taken between steps, positioned at this instruction. */
  snapshot: unknown;
  skips: StepRecord[];
}

export interface ResultRecord {
  t: 'result';
  step: StepRecord;
  vars: VarChange[];
  /** Interpreter snapshot after the result was judged (positioned at the next instruction). */
  snapshot: unknown;
  skips: StepRecord[];
}

export interface RebootRequestRecord {
  t: 'reboot';
  reboot: RebootRecord;
  vars: VarChange[];
  snapshot: unknown;
  skips: StepRecord[];
}

export interface BootedRecord {
  t: 'booted';
  target: 'HD' | 'WinPE';
  vars: VarChange[];
}

export interface EndRecord {
  t: 'end';
  status: 'succeeded' | 'failed';
  exitCode: number;
  vars: VarChange[];
  skips: StepRecord[];
}

export type JournalRecord =
  | HeaderRecord
  | CheckpointRecord
  | StartRecord
  | ResultRecord
  | RebootRequestRecord
  | BootedRecord
  | EndRecord;
