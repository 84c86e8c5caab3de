/** Static checks of a variable name a step will write. */
import type { StepProblem } from '../../engine/step-api.ts';
import { checkName, isReadOnlyName } from '../../variables/index.ts';
import { isDeferred } from './option-value.ts';

/**
 * A problem when a step (named `writer`, e.g. `Set Task Sequence Variable`) could not write `name`: an invalid name
 * (`invalid-variable-name`) or a read-only `_` name (`read-only-variable`). Names that reference `%VAR%` are only
 * known at run time and pass. `field` is the property or variable the name came from.
 */
export function checkWritableName(name: string, writer: string, field: string): StepProblem | undefined {
  if (isDeferred(name)) return undefined;
  if (isReadOnlyName(name)) {
    return {
      severity: 'error',
      code: 'read-only-variable',
      field,
      message: `${writer} cannot write ${name}: names starting with _ are read-only`,
    };
  }
  const bad = checkName(name);
  return bad ? { severity: 'error', code: 'invalid-variable-name', field, message: `${writer}: ${bad}` } : undefined;
}
