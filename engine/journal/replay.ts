/** Folds journal records into the state a resumed run continues from. */
import type { JournalRecord, HeaderRecord, StepRecord, RebootRecord, VarChange } from './records.ts';

export interface ReplayedState {
  header: HeaderRecord;
  /** Variables as `name -> change` (last write wins; null = deleted). Values of secret ones are still sealed. */
  vars: Map<string, VarChange>;
  /** Latest interpreter snapshot (always taken between steps). */
  snapshot: unknown;
  steps: StepRecord[];
  reboots: RebootRecord[];
  /** A step that started and has no result: it was interrupted (crash, power loss, unexpected restart). */
  pending?: { ip: number; attempt: number };
  /** A reboot was requested and the machine has not reported booting into it yet. */
  pendingReboot?: { target: 'HD' | 'WinPE' };
  ended?: { status: 'succeeded' | 'failed'; exitCode: number };
  /** Records since the last checkpoint (drives compaction). */
  recordsSinceCheckpoint: number;
}

/**
 * Replays records in order.
 * @throws Error when the first record is not a header (the caller turns it into a journal-mismatch error).
 */
export function replayJournal(records: readonly JournalRecord[]): ReplayedState {
  const first = records[0];
  if (!first || first.t !== 'header') throw new Error('the journal does not start with a header record');
  const state: ReplayedState = { header: first, vars: new Map(), snapshot: undefined, steps: [], reboots: [], recordsSinceCheckpoint: 0 };
  for (let i = 1; i < records.length; i++) apply(state, records[i]);
  return state;
}

function applyVars(state: ReplayedState, changes: readonly VarChange[]): void {
  for (const c of changes) state.vars.set(c.n.toLowerCase(), c);
}

function apply(state: ReplayedState, r: JournalRecord): void {
  state.recordsSinceCheckpoint++;
  switch (r.t) {
    case 'header':
      throw new Error('a second header record in the journal');
    case 'checkpoint':
      state.vars = new Map();
      applyVars(state, r.vars);
      state.snapshot = r.snapshot;
      state.steps = [...r.steps];
      state.reboots = [...r.reboots];
      state.pending = undefined;
      state.pendingReboot = r.pendingReboot;
      state.recordsSinceCheckpoint = 0;
      return;
    case 'start':
      state.steps.push(...r.skips);
      applyVars(state, r.vars);
      state.snapshot = r.snapshot;
      state.pending = { ip: r.ip, attempt: r.attempt };
      return;
    case 'result':
      state.steps.push(...r.skips, r.step);
      applyVars(state, r.vars);
      state.snapshot = r.snapshot;
      state.pending = undefined;
      return;
    case 'reboot':
      state.steps.push(...r.skips);
      applyVars(state, r.vars);
      state.snapshot = r.snapshot;
      state.reboots.push(r.reboot);
      state.pendingReboot = { target: r.reboot.target };
      return;
    case 'booted':
      applyVars(state, r.vars);
      state.pendingReboot = undefined;
      return;
    case 'end':
      state.steps.push(...r.skips);
      applyVars(state, r.vars);
      state.ended = { status: r.status, exitCode: r.exitCode };
      return;
  }
}
