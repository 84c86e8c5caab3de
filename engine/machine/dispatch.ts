/**
 * Finds the next instruction to run from `ip`: skips disabled and condition-false instructions (a group with all it
 * holds), enters groups, checks where the step may run, and handles a step interrupted by an unexpected restart.
 * Skips are not side effects: a resumed run evaluates them again.
 */
import type { Instruction } from '../program/index.ts';
import { compileCondition } from '../conditions/index.ts';
import type { CompiledCondition } from '../conditions/types.ts';
import type { StepRecord } from '../journal/records.ts';
import { stepsInside } from './transitions.ts';
import { conditionContext } from './step-context.ts';
import { logLine, moduleFor, type EngineDeps } from './engine-deps.ts';
import { type StepExecution } from './execute-step.ts';
import { EXIT_ABORTED, EXIT_FAILED, EXIT_WRONG_ENVIRONMENT } from '../step-exit-codes.ts';


export type Dispatch =
  | { kind: 'run'; ip: number; attempt: number }
  | { kind: 'end' }
  | { kind: 'result'; ip: number; execution: StepExecution };

export function dispatch(deps: EngineDeps, from: number): Dispatch {
  const { instructions } = deps.program;
  let ip = from;
  while (ip < instructions.length) {
    const instr = instructions[ip];
    const interrupted = deps.interrupted;
    if (interrupted && interrupted.ip === ip) {
      deps.interrupted = undefined;
      return resumeInterrupted(deps, instr, interrupted.attempt);
    }
    if (instr.disabled) {
      skip(deps, instr, 'disabled', 'disabled');
      ip = instr.kind === 'group' ? instr.end : ip + 1;
      continue;
    }
    const verdict = checkCondition(deps, instr);
    if (verdict.error !== undefined) return { kind: 'result', ip, execution: failed(deps, instr, EXIT_FAILED, verdict.error) };
    if (verdict.falseClause !== undefined) {
      skip(deps, instr, 'skipped', verdict.falseClause);
      ip = instr.kind === 'group' ? instr.end : ip + 1;
      continue;
    }
    if (instr.kind === 'group') {
      logLine(deps, 'info', `Entering the group (${instr.name}). Instruction pointer: ${ip}`);
      ip++;
      continue;
    }
    return placeStep(deps, instr, 1);
  }
  return { kind: 'end' };
}

/**
 * Checks where the step may run. A step in the wrong environment fails with a message saying where it runs; the
 * sequence decides where to restart (ConfigMgr sequences put a Restart Computer step before such steps). A step the
 * preflight marked as a certain failure fails with that finding, without its handler.
 */
function placeStep(deps: EngineDeps, instr: Instruction, attempt: number): Dispatch {
  const where = requiredEnvironment(deps, instr);
  const wrong = where === 'WinPE' ? !deps.environment.inWinPE : where === 'FullOS' ? deps.environment.inWinPE : false;
  if (wrong) {
    const msg = where === 'WinPE'
      ? `the step runs only in Windows PE and the machine is in the full operating system (runIn=${instr.runIn ?? 'WinPE'}); restart into the boot image first (Restart Computer, target WinPE)`
      : `the step runs only in the full operating system and the machine is in Windows PE (runIn=${instr.runIn ?? 'FullOS'})`;
    return { kind: 'result', ip: instr.index, execution: failed(deps, instr, EXIT_WRONG_ENVIRONMENT, msg) };
  }
  const certain = instr.certainFailure;
  if (certain) {
    // The preflight found that the step cannot succeed and that its failure is caught: fail it as the step would.
    const msg = `${certain.field ? `${certain.field}: ` : ''}${certain.message} (found before the run [${certain.code}]; the step was not started)`;
    return { kind: 'result', ip: instr.index, execution: failed(deps, instr, certain.exitCode, msg) };
  }
  deps.vars.set('_SMSTSCurrentActionName', instr.name, { writer: 'engine' });
  deps.vars.set('_SMSTSNextInstructionPointer', String(instr.index), { writer: 'engine' });
  return { kind: 'run', ip: instr.index, attempt };
}

/** The `runIn` attribute wins; without it the step module's own environment. */
function requiredEnvironment(deps: EngineDeps, instr: Instruction): 'WinPE' | 'FullOS' | 'both' {
  const r = instr.runIn?.toLowerCase();
  if (r === 'winpe') return 'WinPE';
  if (r === 'fullos') return 'FullOS';
  if (r === 'winpeandfullos') return 'both';
  return moduleFor(deps, instr)?.runIn ?? 'both';
}

function resumeInterrupted(deps: EngineDeps, instr: Instruction, attempt: number): Dispatch {
  const module = moduleFor(deps, instr);
  if (module?.rerunnable || attempt <= instr.retryCount) {
    const why = module?.rerunnable ? 'the step is safe to re-run' : `retryCount=${instr.retryCount}`;
    logLine(deps, 'warning', `The action (${instr.name}) was interrupted by an unexpected restart; running it again (${why}, attempt ${attempt + 1})`);
    return placeStep(deps, instr, attempt + 1);
  }
  const msg = `interrupted by an unexpected restart during attempt ${attempt}; the step is not safe to re-run and retryCount is ${instr.retryCount}`;
  return { kind: 'result', ip: instr.index, execution: failed(deps, instr, EXIT_ABORTED, msg) };
}

function checkCondition(deps: EngineDeps, instr: Instruction): { falseClause?: string; error?: string } {
  if (!instr.condition) return {};
  let compiled: CompiledCondition | null | undefined = deps.conditions.get(instr.index);
  if (compiled === undefined) {
    compiled = instr.condition.children.length ? compileCondition(instr.condition) : null;
    deps.conditions.set(instr.index, compiled);
  }
  if (compiled === null) return {};
  try {
    const r = compiled.evaluate(conditionContext(deps));
    return r.value ? {} : { falseClause: r.falseClause ?? 'false' };
  } catch (e) {
    return { error: `the condition could not be evaluated: ${(e as Error).message}` };
  }
}

/** Records a skip; `reason` is the false clause (or `disabled`). A group's steps are each recorded as skipped. */
function skip(deps: EngineDeps, instr: Instruction, outcome: 'skipped' | 'disabled', reason: string): void {
  if (instr.kind === 'group') {
    const why = outcome === 'disabled' ? 'it is disabled' : `the condition is evaluated to be false: ${reason}`;
    logLine(deps, 'info', `The group (${instr.name}) has been skipped because ${why}`);
  }
  const record = (i: Instruction, r: string): void => {
    const rec: StepRecord = { index: i.index, path: i.path, name: i.name, type: i.type, outcome, reason: deps.vars.redact(r), startedInWinPE: deps.environment.inWinPE };
    deps.journal.skip(rec);
    deps.log.event({ kind: 'step-skip', index: i.index, path: i.path, name: i.name, type: i.type, outcome, reason: rec.reason ?? '' });
  };
  if (instr.kind === 'step') return record(instr, reason);
  const inGroup = outcome === 'disabled' ? `its group (${instr.path}) is disabled` : `its group (${instr.path}) was skipped: ${reason}`;
  for (const s of stepsInside(deps.program, instr.index)) record(deps.program.instructions[s], inGroup);
}

/** A result for an instruction that could not run at all (the engine judges it like any step result). */
function failed(deps: EngineDeps, instr: Instruction, exitCode: number, message: string): StepExecution {
  const set = (n: string, v: string): void => deps.vars.set(n, v, { writer: 'engine' });
  set('_SMSTSLastActionName', instr.name);
  set('_SMSTSLastActionRetCode', String(exitCode));
  set('_SMSTSLastActionSucceeded', 'false');
  const reason = deps.vars.redact(message);
  const record: StepRecord = { index: instr.index, path: instr.path, name: instr.name, type: instr.type, outcome: 'failed', reason, exitCode, startedInWinPE: deps.environment.inWinPE };
  deps.log.event({ kind: 'step-result', index: instr.index, path: instr.path, name: instr.name, type: instr.type, outcome: 'failed', exitCode, reason });
  return { record, succeeded: false };
}
