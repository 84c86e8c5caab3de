/**
 * Set Task Sequence Variable: writes one variable. MDT uses the same type with a `ZTISetVariable.wsf` action; the
 * options carry name and value either way, so the action is ignored.
 */
import type { StepContext, StepModule, StepResult } from '../../engine/step-api.ts';
import { isReadOnlyName } from '../../variables/index.ts';
import { EXIT_ACCESS_DENIED, EXIT_INVALID_PARAMETER } from '../../engine/step-api.ts';
import { parseFlag } from '../shared/option-value.ts';
import { setStepVariable } from '../shared/set-step-variable.ts';
import { SET_VARIABLE_WRITER, validateSetVariable } from './validate.ts';
import { setVariableManifest, SET_VARIABLE_TYPE } from './manifest.ts';

export { SET_VARIABLE_TYPE } from './manifest.ts';

async function run(ctx: StepContext): Promise<StepResult> {
  const name = ctx.option('VariableName')?.trim();
  if (!name) return { exitCode: EXIT_INVALID_PARAMETER, message: 'no variable name (option VariableName is empty)' };
  if (isReadOnlyName(name)) {
    return { exitCode: EXIT_ACCESS_DENIED, message: `${SET_VARIABLE_WRITER} cannot write ${name}: names starting with _ are read-only` };
  }
  const value = ctx.optionExpansion('VariableValue') ?? { text: '', secret: false };
  const secret = value.secret || parseFlag(ctx.option('DoNotShowVariableValue'));
  const failed = setStepVariable(ctx.vars, name, value.text, { secret });
  if (failed) return failed;
  // The engine logs the change itself ("Set a global environment variable NAME=VALUE", secrets masked); this line
  // says what the step did without repeating the value, so a grep for the ConfigMgr line finds each change once.
  ctx.log.info(value.text === '' ? `Deleting the task sequence variable ${name} (empty value)`
    : `Setting the task sequence variable ${name}${secret ? ' (value hidden)' : ''}`);
  return { exitCode: 0 };
}

/** Set Task Sequence Variable (`SMS_TaskSequence_SetVariableAction`). */
export const setVariableStep: StepModule = {
  id: 'set-variable',
  component: 'SetVariable',
  manifest: setVariableManifest,
  runIn: 'both',
  rerunnable: true,
  ports: [],
  validate: validateSetVariable,
  run,
};
