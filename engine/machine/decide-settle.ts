/** Settling a result, decided: failure propagation, shutdown, reboot and retry requests. */
import { afterResult, sequenceFailedAt } from './transitions.ts';
import { rebootTarget } from './reboot-target.ts';
import type { Decided, Effect, ProgramView, RunFacts, StepExecution } from './decision.ts';

/** `SMSTSRebootRequested` (see {@link rebootTarget}) and `SMSTSRetryRequested`, cleared once read. */
function takeRebootRequest(facts: RunFacts, effects: Effect[]): { target: 'HD' | 'WinPE'; retry: boolean } | undefined {
  const requested = facts.rebootRequested;
  if (!requested) return undefined;
  const retry = /^(true|1|yes)$/i.test(facts.retryRequested ?? '');
  effects.push({ kind: 'set-variable', name: 'SMSTSRebootRequested', value: '' });
  effects.push({ kind: 'set-variable', name: 'SMSTSRetryRequested', value: '' });
  return { target: rebootTarget(requested), retry };
}

/** Where the run goes after the instruction at `ip` was judged; `shutdown`: the step asked to shut down. */
export function settle(view: ProgramView, ip: number, exec: StepExecution, shutdown: boolean, facts: RunFacts): Decided {
  const { program } = view;
  const instr = program.instructions[ip];
  const effects: Effect[] = [];
  const log = (severity: 'info' | 'warning' | 'error', message: string): void => {
    effects.push({ kind: 'log', severity, message });
  };
  // A restart the machine refused ends the sequence whatever the error handling says (ConfigMgr: a restart that
  // cannot boot to a formatted partition fails the task sequence).
  const ignoreCoe = instr.kind === 'step' && view.traits[ip]?.continueOnErrorIgnored === true;
  if (exec.restartRefused) {
    log('warning', `The action (${instr.name}) failed because its restart was refused; continue on error does not apply to a refused restart`);
  } else if (ignoreCoe && !exec.succeeded && instr.continueOnError) {
    log('warning', `The action (${instr.name}) failed; continue on error does not apply to this step`);
  }
  const next = exec.restartRefused ? sequenceFailedAt(program, ip) : afterResult(program, ip, exec.succeeded, ignoreCoe);
  for (const g of next.abortedGroups) log('error', `The execution of the group (${program.instructions[g].name}) has failed and the execution has been aborted`);
  if (next.kind === 'next' && next.caughtBy !== undefined) {
    log('warning', `The group (${program.instructions[next.caughtBy].name}) continues on error: the run goes on after it`);
  } else if (!exec.succeeded && instr.continueOnError && !exec.restartRefused) {
    log('warning', `The action (${instr.name}) failed and continues on error`);
  }
  const judged = { attempt: 1, last: exec.record };
  if (next.kind === 'sequence-failed') {
    takeRebootRequest(facts, effects);
    log('error', `Failed to run the last action: ${instr.name}. Execution of task sequence failed.`);
    return { state: { value: 'failed', ip, ...judged, exitCode: exec.record.exitCode ?? 1 }, effects };
  }
  if (shutdown && exec.succeeded) {
    takeRebootRequest(facts, effects);
    const rest = program.instructions.length - next.ip;
    log('info', `The action (${instr.name}) shuts the computer down; the task sequence ends here${rest > 0 ? ` (${rest} later instructions do not run)` : ''}`);
    return { state: { value: 'succeeded', ip, ...judged, exitCode: 0, shutdownAfter: ip }, effects };
  }
  const reboot = takeRebootRequest(facts, effects);
  if (reboot) {
    const resumeAt = reboot.retry ? ip : next.ip;
    log('info', `The action (${instr.name}) requested a restart to ${reboot.target}; the run continues at instruction ${resumeAt}${reboot.retry ? ' (the same step again)' : ''}`);
    return { state: { value: 'rebooting', ip: resumeAt, ...judged, reboot: { target: reboot.target, afterStep: ip } }, effects };
  }
  return { state: { value: 'dispatching', ip: next.ip, ...judged }, effects };
}
