/**
 * What a step will ask of the machine, as far as its options tell before the run, and the machine's answer. A live
 * backend refuses some calls outright (the Linux live system runs no Windows command line, no Sysprep, no USMT and
 * does not restart): the preflight asks it about every active step, so such a sequence is refused before any disk is
 * touched instead of failing after a disk was partitioned. The step still meets the same refusal if a value known
 * only at run time leads it there.
 */
import type { Instruction } from '../program/index.ts';
import type { MachineJudge } from '../ports/machine-call.ts';
import type { StepDefinitionView, StepModule } from '../step-module.ts';
import { EXIT_NOT_SUPPORTED } from '../step-exit-codes.ts';
import { stepFailureFinding, type PreflightFinding } from './certain-failure.ts';

/** Finding code of a step the run's backend refuses. */
export const BACKEND_REFUSAL_CODE = 'refused-by-backend';

/** A finding for each call of `instr` that `judge` refuses (the step fails with ERROR_NOT_SUPPORTED, as at run time). */
export function machineCallFindings(judge: MachineJudge, module: StepModule, view: StepDefinitionView, instr: Instruction): PreflightFinding[] {
  const where = { file: instr.file, path: instr.path, line: instr.node.loc?.line };
  const out: PreflightFinding[] = [];
  for (const call of module.machineCalls?.(view) ?? []) {
    const reason = judge.refusal(call);
    if (reason === undefined) continue;
    const field = 'field' in call ? call.field : undefined;
    out.push(stepFailureFinding({
      ...where, severity: 'error', code: BACKEND_REFUSAL_CODE, ...(field ? { field } : {}),
      message: `refused before the run by the ${judge.backend} backend: ${reason}`,
    }, instr, EXIT_NOT_SUPPORTED));
  }
  return out;
}
