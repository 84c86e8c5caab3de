/**
 * One engine instance: runs the program from the start or from the journal until the sequence ends or a reboot is
 * due. A reboot ends the instance; the agent restarts the machine and starts a fresh instance, which resumes from the
 * journal (exactly what happens on a real machine).
 */
import { createActor, type Snapshot } from 'xstate';
import { VariableStore } from '../../variables/index.ts';
import type { PackageInfo } from '../definition/model.ts';
import type { JournalStore, LogPort, Ports } from '../ports/index.ts';
import type { Program } from '../program/index.ts';
import type { Registry } from '../registry/index.ts';
import { TaskseqError } from '../problems.ts';
import { RunJournal, type SecretSealer } from '../journal/run-journal.ts';
import type { RebootRecord, StepRecord } from '../journal/records.ts';
import type { ReplayedState } from '../journal/replay.ts';
import { createInterpreterMachine, type InterpreterContext } from './interpreter-machine.ts';
import { setEnvironmentBuiltins, setSequenceBuiltins } from './builtins.ts';
import { createRunActors } from './run-actors.ts';
import { createJournalObserver } from './journal-observer.ts';
import { logLine, programView, type EngineDeps } from './engine-deps.ts';
import type { RestartGate } from './restart-gate.ts';

export interface RunRequest {
  program: Program;
  package?: PackageInfo;
  registry: Registry;
  ports: Ports;
  log: LogPort;
  journalStore: JournalStore;
  sealer: SecretSealer;
  engineVersion: string;
  /** `--var` / `--secret-var` values (ignored when resuming: the journal holds the environment). */
  initialVariables?: ReadonlyArray<{ name: string; value: string; secret?: boolean }>;
  allowUnknownSteps?: boolean;
  /** Called with the run's variable store as soon as it exists (the agent's log redacts with it). */
  onVariables?: (vars: VariableStore) => void;
  /**
   * Asked before a restart a step requested is recorded: a refusal fails that step instead (see gate-restart.ts).
   * Without it every requested restart is taken to happen.
   */
  restart?: RestartGate;
}

export interface RunOutcome {
  status: 'succeeded' | 'failed' | 'reboot';
  exitCode: number;
  rebootTarget?: 'HD' | 'WinPE';
  steps: StepRecord[];
  reboots: RebootRecord[];
  variables: VariableStore;
  /** `SMSTSPostAction` at the end of the sequence, for the agent to start. */
  postAction?: string;
  resumed: boolean;
  /** Index of the step that shut the computer down, ending the run early (still a success). */
  shutdownAfter?: number;
  /** True when the journal says this sequence had already ended before this instance started. */
  alreadyEnded?: boolean;
}

/**
 * Runs (or resumes) the sequence.
 * @throws TaskseqError('journal-mismatch') for a journal of another sequence or engine version;
 *   TaskseqError('internal') when the interpreter itself fails.
 */
export async function runSequence(req: RunRequest): Promise<RunOutcome> {
  const journal = new RunJournal(req.journalStore, req.sealer);
  const state = journal.load();
  if (state) checkJournal(state, req);
  const vars = new VariableStore();
  req.onVariables?.(vars);
  if (state) journal.restoreVariables(state, vars);
  if (state?.ended) return endedOutcome(state, journal, vars);
  const environment = req.ports.system.environment();
  const allowUnknownSteps = req.allowUnknownSteps === true;
  const deps: EngineDeps = {
    program: req.program, view: programView({ program: req.program, registry: req.registry, allowUnknownSteps }),
    registry: req.registry, vars, ports: req.ports, log: req.log, journal, environment,
    facts: req.ports.system.facts(), allowUnknownSteps, conditions: new Map(), ...(req.restart ? { restart: req.restart } : {}),
  };
  req.log.event({ kind: 'run-start', sequence: req.program.name, packageId: req.program.packageId, resumed: !!state, inWinPE: environment.inWinPE });
  vars.onChange((c) => req.log.event({ kind: 'variable', name: c.name, value: c.value === undefined ? null : c.secret ? '********' : vars.redact(c.value), secret: c.secret }));
  if (!state) initialise(deps, req);
  journal.track(vars);
  setEnvironmentBuiltins(vars, environment);
  if (!state) journal.begin({ t: 'header', engineVersion: req.engineVersion, sequenceHash: req.program.hash, packageId: req.program.packageId, sequenceName: req.program.name }, vars, null);
  logLine(deps, 'info', `The instruction table has ${req.program.instructions.length} instructions`);
  return drive(deps, req, state);
}

/**
 * Refuses a journal of another sequence or engine version.
 * @throws TaskseqError('journal-mismatch') with how to start over.
 */
export function checkJournal(state: ReplayedState, req: Pick<RunRequest, 'program' | 'engineVersion'>): void {
  const h = state.header;
  const how = 'delete the state folder or run again with --reset to start over (the deployment starts from the first step)';
  if (h.sequenceHash !== req.program.hash) {
    throw new TaskseqError('journal-mismatch', `the journal in the state folder belongs to another sequence (${h.sequenceName}, ${h.packageId}) or to an edited version of this one; ${how}`);
  }
  if (h.engineVersion !== req.engineVersion) {
    throw new TaskseqError('journal-mismatch', `the journal was written by taskseq ${h.engineVersion} and this is ${req.engineVersion}; resuming across engine versions is not supported; ${how}`);
  }
}

function initialise(deps: EngineDeps, req: RunRequest): void {
  for (const g of req.program.globals) deps.vars.set(g.name, g.value, { writer: 'step' });
  for (const v of req.initialVariables ?? []) deps.vars.set(v.name, v.value, { writer: 'step', secret: v.secret });
  setSequenceBuiltins(deps.vars, req.program, req.package, deps.environment);
}

function endedOutcome(state: ReplayedState, journal: RunJournal, vars: VariableStore): RunOutcome {
  const r = journal.report();
  const ended = state.ended!;
  return { status: ended.status, exitCode: ended.exitCode, steps: r.steps, reboots: r.reboots, variables: vars, resumed: true, alreadyEnded: true };
}

async function drive(deps: EngineDeps, req: RunRequest, state: ReplayedState | undefined): Promise<RunOutcome> {
  let finish: () => void = () => {};
  const finished = new Promise<void>((resolve) => (finish = resolve));
  const boot = { pending: state?.pendingReboot, requested: undefined as 'HD' | 'WinPE' | undefined };
  const machine = createInterpreterMachine(createRunActors(deps, boot, state?.pending, () => finish()));
  const initialContext: InterpreterContext = { ip: 0, attempt: 1, seq: 0, exitCode: 0 };
  const actor = state?.snapshot
    ? createActor(machine, { snapshot: state.snapshot as Snapshot<unknown>, input: { context: initialContext } })
    : createActor(machine, { input: { context: initialContext } });
  let fatal: unknown;
  const fail = (e: unknown): void => {
    fatal = e;
    finish();
  };
  const restoredSeq = (state?.snapshot as { context?: InterpreterContext } | undefined)?.context?.seq ?? 0;
  actor.subscribe({
    next: createJournalObserver(deps, () => actor.getPersistedSnapshot(), restoredSeq, () => boot.pending !== undefined, finish, fail),
    error: fail,
  });
  actor.start();
  await finished;
  const snap = actor.getSnapshot();
  actor.stop();
  if (fatal) throw fatal instanceof TaskseqError ? fatal : new TaskseqError('internal', `the engine failed: ${(fatal as Error)?.message ?? fatal}`, { cause: fatal });
  return conclude(deps, req, snap.value as string, snap.context, boot.requested, !!state);
}

function conclude(deps: EngineDeps, req: RunRequest, value: string, ctx: InterpreterContext, reboot: 'HD' | 'WinPE' | undefined, resumed: boolean): RunOutcome {
  const report = deps.journal.report();
  const base = { steps: report.steps, reboots: report.reboots, variables: deps.vars, resumed };
  if (reboot) {
    deps.log.flush();
    return { ...base, status: 'reboot', exitCode: 0, rebootTarget: reboot };
  }
  if (value === 'crashed') throw new TaskseqError('internal', `the engine failed: ${ctx.error ?? 'unknown error'}`);
  const status = value === 'succeeded' ? 'succeeded' : 'failed';
  const exitCode = status === 'succeeded' ? 0 : ctx.exitCode === 0 ? 1 : ctx.exitCode;
  deps.journal.end(status, exitCode);
  const post = deps.vars.get('SMSTSPostAction');
  deps.log.event({ kind: 'run-end', status, exitCode });
  deps.log.flush();
  return { ...base, status, exitCode, ...(post ? { postAction: post } : {}), ...(ctx.shutdownAfter !== undefined ? { shutdownAfter: ctx.shutdownAfter } : {}) };
}
