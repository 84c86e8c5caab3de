/**
 * Runs one step: local defaults in, the module's run under the step's timeout, exit code judged against the success
 * codes, `_SMSTSLastAction*` set, local defaults out. Never throws for a step's own failure: everything a step can do
 * wrong ends as a failed result with a message.
 */
import type { Instruction } from '../program/index.ts';
import { isSuccessCode } from '../program/index.ts';
import type { StepRecord } from '../journal/records.ts';
import type { StepResult } from '../step-module.ts';
import { stepFailure } from '../step-failure.ts';
import { EXIT_FAILED, EXIT_TIMEOUT } from '../step-exit-codes.ts';
import type { StepModule } from '../step-module.ts';
import { createStepContext } from '../step-context.ts';
import { setEnvironmentBuiltins } from './builtins.ts';
import { logLine, moduleFor, type EngineDeps } from './engine-deps.ts';
import { gateRestart } from './gate-restart.ts';
import { createStepProgress } from './step-progress.ts';
import type { StepExecution } from './decision.ts';


/** Characters of a step's console output copied into the log (the end of it, where errors usually are). */
const MAX_LOGGED_OUTPUT = 4000;

/** A step's judged result and whether it asked to shut the computer down. */
export interface StepRun {
  execution: StepExecution;
  shutdownRequested: boolean;
}

export async function executeStep(deps: EngineDeps, instr: Instruction, attempt: number): Promise<StepRun> {
  const module = moduleFor(deps, instr);
  deps.log.event({ kind: 'step-start', index: instr.index, path: instr.path, name: instr.name, type: instr.type, attempt });
  let result: StepResult;
  const requests = { shutdown: false };
  if (!module) {
    result = { exitCode: EXIT_FAILED, message: `no handler for step type ${instr.type}` };
  } else {
    deps.vars.setLocals(instr.defaults.map((d) => ({ name: d.name, value: d.value })));
    try {
      result = await runWithTimeout(deps, instr, module, () => (requests.shutdown = true));
    } finally {
      deps.vars.clearLocals();
    }
  }
  const gated = gateRestart(deps, instr, result, requests.shutdown);
  const execution = judge(deps, instr, gated.result, gated.refused);
  refreshEnvironment(deps);
  return { execution: gated.refused ? { ...execution, restartRefused: true } : execution, shutdownRequested: requests.shutdown };
}

/**
 * A step can change what the built-ins describe (a partitioned disk moves the task sequence's data path off the RAM
 * disk, wiping a disk removes the client cache and the detected Windows): read the environment again.
 */
function refreshEnvironment(deps: EngineDeps): void {
  deps.environment = deps.ports.system.environment();
  setEnvironmentBuiltins(deps.vars, deps.environment);
}

async function runWithTimeout(deps: EngineDeps, instr: Instruction, module: StepModule, onShutdown: () => void): Promise<StepResult> {
  const timeoutMs = instr.timeoutSeconds !== undefined && instr.timeoutSeconds > 0 ? instr.timeoutSeconds * 1000 : undefined;
  const signal = timeoutMs !== undefined ? deps.ports.clock.timeout(timeoutMs) : new AbortController().signal;
  const node = instr.node.kind === 'group' ? undefined : instr.node;
  if (!node) throw new Error(`instruction ${instr.index} is a group, not a step`);
  const progress = createStepProgress(instr, (e) => deps.log.event(e), (t) => deps.vars.redact(t));
  const ctx = createStepContext({
    step: {
      index: instr.index, path: instr.path, name: instr.name, type: instr.type, action: node.action,
      startIn: node.startIn, timeoutSeconds: instr.timeoutSeconds, successCodes: instr.successCodes, node,
    },
    vars: deps.vars, facts: deps.facts, environment: deps.environment, ports: deps.ports, signal, onShutdown,
    log: (severity, message) => logLine(deps, severity, message, module.component),
    progress: (report) => progress.report(report),
  });
  const timedOut = new Promise<StepResult>((resolve) => {
    const onAbort = (): void => resolve({ exitCode: EXIT_TIMEOUT, message: `timed out after ${instr.timeoutSeconds} s` });
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([module.run(ctx), timedOut]);
  } catch (e) {
    return stepFailure(e);
  } finally {
    // A step past its timeout may still be running: what it reports now belongs to no running step.
    progress.close();
  }
}

/** `refused`: the machine refused the restart the step asked for, which fails the step whatever its exit code. */
function judge(deps: EngineDeps, instr: Instruction, result: StepResult, refused: boolean): StepExecution {
  const succeeded = !refused && isSuccessCode(result.exitCode, instr.successCodes);
  const set = (n: string, v: string): void => deps.vars.set(n, v, { writer: 'engine' });
  set('_SMSTSLastActionName', instr.name);
  set('_SMSTSLastActionRetCode', String(result.exitCode));
  set('_SMSTSLastActionSucceeded', succeeded ? 'true' : 'false');
  const why = result.message ?? (succeeded ? undefined : `not one of the success codes (${instr.successCodes.join(' ')})`);
  const reason = why ? deps.vars.redact(why) : undefined;
  const record: StepRecord = {
    index: instr.index, path: instr.path, name: instr.name, type: instr.type,
    outcome: succeeded ? 'succeeded' : 'failed', exitCode: result.exitCode, startedInWinPE: deps.environment.inWinPE,
    ...(reason ? { reason } : {}),
  };
  if (succeeded && reason) logLine(deps, 'info', `The action (${instr.name}) reported: ${reason}`);
  const output = result.output?.trim();
  if (output) logLine(deps, 'info', `Output of the action (${instr.name}):\n${output.length > MAX_LOGGED_OUTPUT ? `...${output.slice(-MAX_LOGGED_OUTPUT)}` : output}`);
  deps.log.event({ kind: 'step-result', index: instr.index, path: instr.path, name: instr.name, type: instr.type, outcome: record.outcome as 'succeeded' | 'failed', exitCode: result.exitCode, ...(reason ? { reason } : {}) });
  return { record, succeeded };
}
