/** After a step result: failure propagation, reboot and retry requests. */
import type { StepRecord } from '../journal/records.ts';
import { afterResult, sequenceFailedAt } from './transitions.ts';
import { logLine, moduleFor, type EngineDeps } from './engine-deps.ts';
import type { StepExecution } from './execute-step.ts';
import { rebootTarget } from './restart-gate.ts';

export type Settled =
  | { kind: 'next'; ip: number; step: StepRecord }
  | { kind: 'sequence-failed'; step: StepRecord; exitCode: number }
  | { kind: 'reboot'; ip: number; target: 'HD' | 'WinPE'; step: StepRecord }
  | { kind: 'shutdown'; step: StepRecord };

/** Reads and clears `SMSTSRebootRequested` (see {@link rebootTarget}) and `SMSTSRetryRequested`. */
function takeRebootRequest(deps: EngineDeps): { target: 'HD' | 'WinPE'; retry: boolean } | undefined {
  const requested = deps.vars.get('SMSTSRebootRequested');
  if (!requested) return undefined;
  const retry = /^(true|1|yes)$/i.test(deps.vars.get('SMSTSRetryRequested') ?? '');
  deps.vars.set('SMSTSRebootRequested', '', { writer: 'engine' });
  deps.vars.set('SMSTSRetryRequested', '', { writer: 'engine' });
  return { target: rebootTarget(requested), retry };
}

export function settle(deps: EngineDeps, ip: number, exec: StepExecution): Settled {
  const instr = deps.program.instructions[ip];
  // A restart the machine refused ends the sequence whatever the error handling says (ConfigMgr: a restart that
  // cannot boot to a formatted partition fails the task sequence).
  const ignoreCoe = instr.kind === 'step' && moduleFor(deps, instr)?.continueOnError === 'ignored';
  if (exec.restartRefused) {
    logLine(deps, 'warning', `The action (${instr.name}) failed because its restart was refused; continue on error does not apply to a refused restart`);
  } else if (ignoreCoe && !exec.succeeded && instr.continueOnError) {
    logLine(deps, 'warning', `The action (${instr.name}) failed; continue on error does not apply to this step`);
  }
  const shutdown = deps.shutdownRequested === true;
  deps.shutdownRequested = false;
  const next = exec.restartRefused ? sequenceFailedAt(deps.program, ip) : afterResult(deps.program, ip, exec.succeeded, ignoreCoe);
  for (const g of next.abortedGroups) {
    const group = deps.program.instructions[g];
    logLine(deps, 'error', `The execution of the group (${group.name}) has failed and the execution has been aborted`);
  }
  if (next.kind === 'next' && next.caughtBy !== undefined) {
    logLine(deps, 'warning', `The group (${deps.program.instructions[next.caughtBy].name}) continues on error: the run goes on after it`);
  } else if (!exec.succeeded && instr.continueOnError && !exec.restartRefused) {
    logLine(deps, 'warning', `The action (${instr.name}) failed and continues on error`);
  }
  if (next.kind === 'sequence-failed') {
    takeRebootRequest(deps);
    logLine(deps, 'error', `Failed to run the last action: ${instr.name}. Execution of task sequence failed.`);
    return { kind: 'sequence-failed', step: exec.record, exitCode: exec.record.exitCode ?? 1 };
  }
  if (shutdown && exec.succeeded) {
    takeRebootRequest(deps);
    const rest = deps.program.instructions.length - next.ip;
    logLine(deps, 'info', `The action (${instr.name}) shuts the computer down; the task sequence ends here${rest > 0 ? ` (${rest} later instructions do not run)` : ''}`);
    return { kind: 'shutdown', step: exec.record };
  }
  const reboot = takeRebootRequest(deps);
  if (reboot) {
    const resumeAt = reboot.retry ? ip : next.ip;
    logLine(deps, 'info', `The action (${instr.name}) requested a restart to ${reboot.target}; the run continues at instruction ${resumeAt}${reboot.retry ? ' (the same step again)' : ''}`);
    return { kind: 'reboot', ip: resumeAt, target: reboot.target, step: exec.record };
  }
  return { kind: 'next', ip: next.ip, step: exec.record };
}
