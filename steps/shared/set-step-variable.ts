/** Writing a variable from a step, turning the store's refusals into a failed step result. */
import type { StepResult, StepVariables } from '../../engine/step-api.ts';
import { VariableError } from '../../variables/index.ts';
import { EXIT_ACCESS_DENIED, EXIT_INVALID_PARAMETER } from '../../engine/step-api.ts';

/**
 * Sets (or, with an empty value, deletes) a variable. Returns undefined on success, or the failed result to report:
 * exit code 5 for a read-only `_` name, 87 for an invalid name or value, with `prefix` before the store's message.
 * Errors other than `VariableError` are rethrown.
 */
export function setStepVariable(
  vars: StepVariables,
  name: string,
  value: string,
  options: { secret?: boolean; prefix?: string } = {},
): StepResult | undefined {
  try {
    vars.set(name, value, options.secret ? { secret: true } : undefined);
    return undefined;
  } catch (e) {
    if (!(e instanceof VariableError)) throw e;
    const exitCode = e.code === 'read-only-variable' ? EXIT_ACCESS_DENIED : EXIT_INVALID_PARAMETER;
    return { exitCode, message: options.prefix ? `${options.prefix}${e.message}` : e.message };
  }
}
