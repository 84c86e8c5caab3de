/** Static checks of Set Task Sequence Variable (pure). */
import type { StepDefinitionView, StepProblem } from '../../engine/step-api.ts';
import { MAX_VALUE_LENGTH } from '../../variables/index.ts';
import { checkWritableName } from '../shared/writable-name.ts';

export const SET_VARIABLE_WRITER = 'Set Task Sequence Variable';

/** Checks the variable name (present, valid, not `_`) and the value length (at most 4001 characters). */
export function validateSetVariable(view: StepDefinitionView): StepProblem[] {
  const problems: StepProblem[] = [];
  const name = view.options.VariableName;
  const nameField = view.optionVariables.VariableName ?? 'VariableName';
  if (name !== undefined) {
    const bad = checkWritableName(name, SET_VARIABLE_WRITER, nameField);
    if (bad) problems.push(bad);
  }
  const value = view.options.VariableValue ?? '';
  if (value.length > MAX_VALUE_LENGTH) {
    problems.push({
      severity: 'error',
      code: 'value-too-long',
      field: view.optionVariables.VariableValue ?? 'VariableValue',
      message: `the value is ${value.length} characters; at most ${MAX_VALUE_LENGTH} are allowed`,
    });
  }
  return problems;
}
