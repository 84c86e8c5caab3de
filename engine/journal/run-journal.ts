/**
 * The run's journal: typed records over the framed, durable store. Variable changes are buffered and ride on the next
 * record; skipped steps too (a lost skip is simply evaluated again on resume). Secret values are sealed by the
 * agent-provided sealer and never written in clear.
 */
import type { VariableStore, VariableChange } from '../../variables/index.ts';
import type { JournalStore } from '../ports/journal-store.ts';
import { TaskseqError } from '../problems.ts';
import { decodeJournal, encodeFrame, encodeJournal } from './framing.ts';
import type { HeaderRecord, JournalRecord, RebootRecord, StepRecord, VarChange } from './records.ts';
import { replayJournal, type ReplayedState } from './replay.ts';

/** Turns secret values into opaque strings and back (the agent encrypts with a key kept apart from the journal). */
export interface SecretSealer {
  seal(value: string): string;
  open(sealed: string): string;
}

/** Compact (rewrite as one checkpoint) after this many records. */
const COMPACT_AFTER = 400;

export class RunJournal {
  private changes: VarChange[] = [];
  private skips: StepRecord[] = [];
  private steps: StepRecord[] = [];
  private reboots: RebootRecord[] = [];
  private pendingReboot: { target: 'HD' | 'WinPE' } | undefined;
  private sinceCheckpoint = 0;
  private header: HeaderRecord | undefined;
  private lastSnapshot: unknown;
  private tornTail: string | undefined;

  constructor(private readonly store: JournalStore, private readonly sealer: SecretSealer) {}

  /**
   * Reads and replays the journal, or undefined when there is none. A torn last record is cut off (see
   * {@link RunJournal.discardedTail}); damage before it is refused and the file is left untouched.
   * @throws TaskseqError('journal-mismatch') when the file is not a journal or its records do not replay;
   *   TaskseqError('journal-corrupt') when a record before the last one is damaged.
   */
  load(source?: string): ReplayedState | undefined {
    this.tornTail = undefined;
    const bytes = this.store.read();
    if (!bytes || bytes.length === 0) return undefined;
    const decoded = decodeJournal(bytes, source);
    // Frames appended behind a torn tail would never be read back: cut it off first.
    if (decoded.torn) {
      this.tornTail = `${source ?? 'the journal'}: the last record was torn (${decoded.problem}); the ${bytes.length - decoded.validBytes} bytes from byte ${decoded.validBytes} were ignored`;
      this.store.replace(bytes.subarray(0, decoded.validBytes));
    }
    if (decoded.records.length === 0) return undefined;
    let state: ReplayedState;
    try {
      state = replayJournal(decoded.records as JournalRecord[]);
    } catch (e) {
      throw new TaskseqError('journal-mismatch', `the journal cannot be replayed (${(e as Error).message}); delete the state folder or run with --reset to start over`, { cause: e });
    }
    this.header = state.header;
    this.steps = [...state.steps];
    this.reboots = [...state.reboots];
    this.pendingReboot = state.pendingReboot;
    this.lastSnapshot = state.snapshot;
    this.sinceCheckpoint = state.recordsSinceCheckpoint;
    return state;
  }

  /** What the last {@link RunJournal.load} cut off as a torn last record, for a warning; undefined when nothing. */
  discardedTail(): string | undefined {
    return this.tornTail;
  }

  /** Rebuilds the variable store from a replayed state (opening sealed secrets). */
  restoreVariables(state: ReplayedState, into: VariableStore): void {
    for (const c of state.vars.values()) {
      if (c.v === null) continue;
      into.set(c.n, c.s ? this.sealer.open(c.v) : c.v, { writer: 'engine', secret: c.s === true });
    }
  }

  /** Follows a store's changes so that they reach the next record. */
  track(vars: VariableStore): () => void {
    return vars.onChange((c) => this.changes.push(this.toChange(c)));
  }

  /** Starts a new journal: header plus a checkpoint of the current variables. */
  begin(header: HeaderRecord, vars: VariableStore, snapshot: unknown): void {
    this.header = header;
    this.changes = [];
    this.steps = [];
    this.reboots = [];
    this.pendingReboot = undefined;
    this.lastSnapshot = snapshot;
    this.writeCheckpoint(vars);
  }

  skip(step: StepRecord): void {
    this.skips.push(step);
  }

  start(ip: number, attempt: number, snapshot: unknown): void {
    this.lastSnapshot = snapshot;
    this.append({ t: 'start', ip, attempt, vars: this.takeChanges(), snapshot, skips: this.takeSkips() });
  }

  result(step: StepRecord, snapshot: unknown, vars: VariableStore): void {
    this.lastSnapshot = snapshot;
    this.steps.push(step);
    this.append({ t: 'result', step, vars: this.takeChanges(), snapshot, skips: this.takeSkips() });
    if (this.sinceCheckpoint >= COMPACT_AFTER) this.writeCheckpoint(vars);
  }

  reboot(reboot: RebootRecord, snapshot: unknown): void {
    this.lastSnapshot = snapshot;
    this.reboots.push(reboot);
    this.pendingReboot = { target: reboot.target };
    this.append({ t: 'reboot', reboot, vars: this.takeChanges(), snapshot, skips: this.takeSkips() });
  }

  booted(target: 'HD' | 'WinPE'): void {
    this.pendingReboot = undefined;
    this.append({ t: 'booted', target, vars: this.takeChanges() });
  }

  end(status: 'succeeded' | 'failed', exitCode: number): void {
    this.append({ t: 'end', status, exitCode, vars: this.takeChanges(), skips: this.takeSkips() });
  }

  /** Steps recorded so far (including skips not yet written). */
  report(): { steps: StepRecord[]; reboots: RebootRecord[] } {
    return { steps: [...this.steps, ...this.skips], reboots: [...this.reboots] };
  }

  private writeCheckpoint(vars: VariableStore): void {
    if (!this.header) throw new TaskseqError('internal', 'journal checkpoint before header');
    const allVars: VarChange[] = vars.list().map((v) => (v.secret ? { n: v.name, v: this.sealer.seal(v.value), s: true } : { n: v.name, v: v.value }));
    this.steps.push(...this.skips);
    this.skips = [];
    this.changes = [];
    this.store.replace(encodeJournal([
      this.header,
      { t: 'checkpoint', vars: allVars, snapshot: this.lastSnapshot, steps: this.steps, reboots: this.reboots, pendingReboot: this.pendingReboot },
    ]));
    this.sinceCheckpoint = 0;
  }

  private append(record: JournalRecord): void {
    this.store.append(encodeFrame(record));
    this.sinceCheckpoint++;
  }

  private takeChanges(): VarChange[] {
    const c = this.changes;
    this.changes = [];
    return c;
  }

  private takeSkips(): StepRecord[] {
    const s = this.skips;
    if (s.length) this.steps.push(...s);
    this.skips = [];
    return s;
  }

  private toChange(c: VariableChange): VarChange {
    if (c.value === undefined) return { n: c.name, v: null };
    return c.secret ? { n: c.name, v: this.sealer.seal(c.value), s: true } : { n: c.name, v: c.value };
  }
}
