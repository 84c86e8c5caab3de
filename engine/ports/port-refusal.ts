/**
 * A port's "no": the machine refused what a step asked of it. The refusal carries the step exit code it means, so
 * the engine turns it into the step's result in one place (`engine/machine/execute-step.ts`) and no step catches a
 * port's error to pick an exit code from its error code.
 */
import { TaskseqError, type ErrorCode, type Problem } from '../problems.ts';

/** A refusal of a port operation, with the exit code the step that asked reports for it. */
export class PortRefusal extends TaskseqError {
  /** The step's exit code for this refusal (one of `engine/step-exit-codes.ts`). */
  readonly exitCode: number;
  constructor(code: ErrorCode, message: string, exitCode: number, options?: { cause?: unknown; problems?: Problem[] }) {
    super(code, message, options);
    this.name = 'PortRefusal';
    this.exitCode = exitCode;
  }
}

/**
 * `error` with `detail` appended to its message (what the step had done when it was refused), keeping what it means:
 * a refusal keeps its exit code, any other error of ours stays one the engine reports as E_FAIL.
 */
export function withDetail(error: TaskseqError, detail: string): TaskseqError {
  const options = { cause: error, problems: error.problems };
  return error instanceof PortRefusal
    ? new PortRefusal(error.code, `${error.message}${detail}`, error.exitCode, options)
    : new TaskseqError(error.code, `${error.message}${detail}`, options);
}
