/**
 * Carries out what `decide` asked for, in order: variables, log lines, skips journalled and reported, conditions
 * evaluated. Texts are redacted here, on their way out, with the run's secrets as they are now.
 */
import type { Instruction } from '../program/index.ts';
import { compileCondition } from '../conditions/index.ts';
import type { CompiledCondition } from '../conditions/types.ts';
import type { StepRecord } from '../journal/records.ts';
import { conditionContext } from '../step-context.ts';
import { logLine, type EngineDeps } from './engine-deps.ts';
import type { ConditionVerdict, Decision, Effect, RunFacts } from './decision.ts';

/** What the machine looks like now, for the next event. */
export function runFacts(deps: EngineDeps): RunFacts {
  const rebootRequested = deps.vars.get('SMSTSRebootRequested');
  const retryRequested = deps.vars.get('SMSTSRetryRequested');
  return {
    inWinPE: deps.environment.inWinPE,
    ...(rebootRequested !== undefined ? { rebootRequested } : {}),
    ...(retryRequested !== undefined ? { retryRequested } : {}),
  };
}

function redacted(deps: EngineDeps, record: StepRecord): StepRecord {
  return record.reason === undefined ? record : { ...record, reason: deps.vars.redact(record.reason) };
}

/** The decision as it may be persisted: its judged record redacted. */
export function persistable(deps: EngineDeps, decision: Decision): Decision {
  return decision.last ? { ...decision, last: redacted(deps, decision.last) } : decision;
}

/**
 * Executes the effects in order.
 * @returns the verdict when the last effect asked for a condition, so that the caller decides again
 */
export function executeEffects(deps: EngineDeps, effects: readonly Effect[]): { ip: number; verdict: ConditionVerdict } | undefined {
  for (const effect of effects) {
    switch (effect.kind) {
      case 'set-variable':
        deps.vars.set(effect.name, effect.value, { writer: 'engine' });
        break;
      case 'log':
        logLine(deps, effect.severity, effect.message);
        break;
      case 'record-skip': {
        const r = redacted(deps, effect.record);
        deps.journal.skip(r);
        deps.log.event({ kind: 'step-skip', index: r.index, path: r.path, name: r.name, type: r.type, outcome: r.outcome as 'skipped' | 'disabled', reason: r.reason ?? '' });
        break;
      }
      case 'report-result': {
        const r = redacted(deps, effect.record);
        deps.log.event({ kind: 'step-result', index: r.index, path: r.path, name: r.name, type: r.type, outcome: 'failed', exitCode: r.exitCode!, reason: r.reason ?? '' });
        break;
      }
      case 'evaluate-condition':
        return { ip: effect.ip, verdict: evaluate(deps, deps.program.instructions[effect.ip]) };
    }
  }
  return undefined;
}

function evaluate(deps: EngineDeps, instr: Instruction): ConditionVerdict {
  if (!instr.condition) return { holds: true };
  let compiled: CompiledCondition | null | undefined = deps.conditions.get(instr.index);
  if (compiled === undefined) {
    compiled = instr.condition.children.length ? compileCondition(instr.condition) : null;
    deps.conditions.set(instr.index, compiled);
  }
  if (compiled === null) return { holds: true };
  try {
    const r = compiled.evaluate(conditionContext(deps.vars, deps.ports.probe));
    return r.value ? { holds: true } : { holds: false, falseClause: r.falseClause ?? 'false' };
  } catch (e) {
    return { error: `the condition could not be evaluated: ${(e as Error).message}` };
  }
}
