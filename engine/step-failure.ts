/**
 * What a step that threw reports: the one place a thrown error becomes a step's exit code. The interpreter uses it
 * for every step it runs, and the steps' tests use it to see a step's outcome as a run reports it.
 */
import { VariableError } from '../variables/index.ts';
import { TaskseqError } from './problems.ts';
import { PortRefusal } from './ports/port-refusal.ts';
import { EXIT_ACCESS_DENIED, EXIT_FAILED, EXIT_INVALID_PARAMETER } from './step-exit-codes.ts';
import type { StepResult } from './step-module.ts';

/**
 * The failed result for what a step threw: a port's refusal gives its own exit code, a variables rule 5 (a read-only
 * variable) or 87, any other error of ours E_FAIL with its message, anything else E_FAIL as unexpected.
 */
export function stepFailure(e: unknown): StepResult {
  if (e instanceof PortRefusal) return { exitCode: e.exitCode, message: e.message };
  if (e instanceof VariableError) {
    return { exitCode: e.code === 'read-only-variable' ? EXIT_ACCESS_DENIED : EXIT_INVALID_PARAMETER, message: e.message };
  }
  if (e instanceof TaskseqError) return { exitCode: EXIT_FAILED, message: e.message };
  return { exitCode: EXIT_FAILED, message: `the step failed unexpectedly: ${(e as Error)?.message ?? String(e)}` };
}
