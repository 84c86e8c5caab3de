/** A step's outcome as a run reports it, for the steps' tests. */
import { stepFailure, TaskseqError, type StepResult } from '../../engine/step-api.ts';

/**
 * The result of `run`, or for an error of ours (a port's refusal among them) the failed result the engine makes of
 * it. Anything else is rethrown: a defect the test should see, not a result.
 */
export async function engineResult(run: Promise<StepResult>): Promise<StepResult> {
  try {
    return await run;
  } catch (e) {
    if (e instanceof TaskseqError) return stepFailure(e);
    throw e;
  }
}
