/**
 * Dispatching, decided: from `ip`, skip disabled and condition-false instructions (a group with all it holds), enter
 * groups, check where the step may run, and handle a step interrupted by an unexpected restart. Skips are not
 * durable side effects of their own: a resumed run evaluates them again.
 */
import type { Instruction } from '../program/index.ts';
import type { StepRecord } from '../journal/records.ts';
import { stepsInside } from './transitions.ts';
import { settle } from './decide-settle.ts';
import type { ConditionVerdict, Decided, DecideState, Effect, ProgramView, RunFacts, StepExecution } from './decision.ts';
import { EXIT_ABORTED, EXIT_FAILED, EXIT_WRONG_ENVIRONMENT } from '../step-exit-codes.ts';

/** Walks from `ip` until a step is to run, a condition must be evaluated, an instruction failed or the program ends. */
export function walk(view: ProgramView, state: DecideState, from: number, facts: RunFacts, effects: Effect[]): Decided {
  const { instructions } = view.program;
  for (let ip = from; ip < instructions.length; ) {
    const instr = instructions[ip];
    if (state.interrupted && state.interrupted.ip === ip) return resumeInterrupted(view, instr, state.interrupted.attempt, facts, effects);
    if (instr.disabled) {
      skip(view, instr, 'disabled', 'disabled', facts, effects);
      ip = instr.kind === 'group' ? instr.end : ip + 1;
      continue;
    }
    if (instr.condition) {
      effects.push({ kind: 'evaluate-condition', ip });
      return { state: { value: 'dispatching', ip, attempt: state.attempt, interrupted: state.interrupted }, effects };
    }
    const placed = enter(view, instr, facts, effects);
    if (placed) return placed;
    ip++;
  }
  return { state: { value: 'succeeded', ip: state.ip, attempt: state.attempt, exitCode: 0 }, effects };
}

/** Goes on from the instruction whose condition was evaluated. */
export function afterCondition(view: ProgramView, state: DecideState, ip: number, verdict: ConditionVerdict, facts: RunFacts): Decided {
  const effects: Effect[] = [];
  const instr = view.program.instructions[ip];
  if ('error' in verdict) return failed(view, instr, EXIT_FAILED, verdict.error, facts, effects);
  if (!verdict.holds) {
    skip(view, instr, 'skipped', verdict.falseClause, facts, effects);
    return walk(view, state, instr.kind === 'group' ? instr.end : ip + 1, facts, effects);
  }
  return enter(view, instr, facts, effects) ?? walk(view, state, ip + 1, facts, effects);
}

/** Enters a group (undefined: walk on into it) or places a step. */
function enter(view: ProgramView, instr: Instruction, facts: RunFacts, effects: Effect[]): Decided | undefined {
  if (instr.kind !== 'group') return placeStep(view, instr, 1, facts, effects);
  effects.push({ kind: 'log', severity: 'info', message: `Entering the group (${instr.name}). Instruction pointer: ${instr.index}` });
  return undefined;
}

/**
 * Checks where the step may run. A step in the wrong environment fails with a message saying where it runs; the
 * sequence decides where to restart (ConfigMgr sequences put a Restart Computer step before such steps). A step the
 * preflight marked as a certain failure fails with that finding, without its handler.
 */
function placeStep(view: ProgramView, instr: Instruction, attempt: number, facts: RunFacts, effects: Effect[]): Decided {
  const where = requiredEnvironment(view, instr);
  const wrong = where === 'WinPE' ? !facts.inWinPE : where === 'FullOS' ? facts.inWinPE : false;
  if (wrong) {
    const msg = where === 'WinPE'
      ? `the step runs only in Windows PE and the machine is in the full operating system (runIn=${instr.runIn ?? 'WinPE'}); restart into the boot image first (Restart Computer, target WinPE)`
      : `the step runs only in the full operating system and the machine is in Windows PE (runIn=${instr.runIn ?? 'FullOS'})`;
    return failed(view, instr, EXIT_WRONG_ENVIRONMENT, msg, facts, effects);
  }
  const certain = instr.certainFailure;
  if (certain) {
    // The preflight found that the step cannot succeed and that its failure is caught: fail it as the step would.
    const msg = `${certain.field ? `${certain.field}: ` : ''}${certain.message} (found before the run [${certain.code}]; the step was not started)`;
    return failed(view, instr, certain.exitCode, msg, facts, effects);
  }
  effects.push({ kind: 'set-variable', name: '_SMSTSCurrentActionName', value: instr.name });
  effects.push({ kind: 'set-variable', name: '_SMSTSNextInstructionPointer', value: String(instr.index) });
  return { state: { value: 'running', ip: instr.index, attempt }, effects };
}

/** The `runIn` attribute wins; without it the step module's own environment. */
function requiredEnvironment(view: ProgramView, instr: Instruction): 'WinPE' | 'FullOS' | 'both' {
  const r = instr.runIn?.toLowerCase();
  if (r === 'winpe') return 'WinPE';
  if (r === 'fullos') return 'FullOS';
  if (r === 'winpeandfullos') return 'both';
  return view.traits[instr.index]?.runIn ?? 'both';
}

function resumeInterrupted(view: ProgramView, instr: Instruction, attempt: number, facts: RunFacts, effects: Effect[]): Decided {
  const traits = view.traits[instr.index];
  if (traits?.rerunnable || attempt <= instr.retryCount) {
    const why = traits?.rerunnable ? 'the step is safe to re-run' : `retryCount=${instr.retryCount}`;
    effects.push({ kind: 'log', severity: 'warning', message: `The action (${instr.name}) was interrupted by an unexpected restart; running it again (${why}, attempt ${attempt + 1})` });
    return placeStep(view, instr, attempt + 1, facts, effects);
  }
  const msg = `interrupted by an unexpected restart during attempt ${attempt}; the step is not safe to re-run and retryCount is ${instr.retryCount}`;
  return failed(view, instr, EXIT_ABORTED, msg, facts, effects);
}

/** Records a skip; `reason` is the false clause (or `disabled`). A group's steps are each recorded as skipped. */
function skip(view: ProgramView, instr: Instruction, outcome: 'skipped' | 'disabled', reason: string, facts: RunFacts, effects: Effect[]): void {
  if (instr.kind === 'group') {
    const why = outcome === 'disabled' ? 'it is disabled' : `the condition is evaluated to be false: ${reason}`;
    effects.push({ kind: 'log', severity: 'info', message: `The group (${instr.name}) has been skipped because ${why}` });
  }
  const record = (i: Instruction, r: string): void => {
    effects.push({ kind: 'record-skip', record: { index: i.index, path: i.path, name: i.name, type: i.type, outcome, reason: r, startedInWinPE: facts.inWinPE } });
  };
  if (instr.kind === 'step') return record(instr, reason);
  const inGroup = outcome === 'disabled' ? `its group (${instr.path}) is disabled` : `its group (${instr.path}) was skipped: ${reason}`;
  for (const s of stepsInside(view.program, instr.index)) record(view.program.instructions[s], inGroup);
}

/** An instruction that could not run at all: judged like any step result and settled at once. */
function failed(view: ProgramView, instr: Instruction, exitCode: number, message: string, facts: RunFacts, effects: Effect[]): Decided {
  effects.push({ kind: 'set-variable', name: '_SMSTSLastActionName', value: instr.name });
  effects.push({ kind: 'set-variable', name: '_SMSTSLastActionRetCode', value: String(exitCode) });
  effects.push({ kind: 'set-variable', name: '_SMSTSLastActionSucceeded', value: 'false' });
  const record: StepRecord = { index: instr.index, path: instr.path, name: instr.name, type: instr.type, outcome: 'failed', reason: message, exitCode, startedInWinPE: facts.inWinPE };
  effects.push({ kind: 'report-result', record });
  const execution: StepExecution = { record, succeeded: false };
  const settled = settle(view, instr.index, execution, false, facts);
  return { state: settled.state, effects: [...effects, ...settled.effects] };
}
