/** Static checks of Prepare Windows for Capture (pure). */
import type { StepDefinitionView, StepProblem } from '../../engine/step-api.ts';
import { isDeferred } from '../shared/option-value.ts';

const FLAGS = ['KeepActivation', 'BuildStorageDriverList', 'ShutdownPreparedOs'];

/** Flags must be true or false; shutting down while steps follow is a warning (they would never run). */
export function validatePrepareWindows(view: StepDefinitionView): StepProblem[] {
  const problems: StepProblem[] = [];
  for (const flag of FLAGS) {
    const value = view.options[flag];
    if (value !== undefined && value !== '' && !isDeferred(value) && !/^(true|false)$/i.test(value.trim())) {
      problems.push({ severity: 'error', code: 'invalid-flag', field: view.optionVariables[flag] ?? flag, message: `${flag} is "${value}", not true or false` });
    }
  }
  if (/^true$/i.test(view.options.ShutdownPreparedOs?.trim() ?? '') || /\/shutdown:true\b/i.test(view.node.action ?? '')) {
    problems.push({ severity: 'warning', code: 'ends-with-shutdown', field: view.optionVariables.ShutdownPreparedOs ?? 'ShutdownPreparedOs', message: 'the computer shuts down after this step and the task sequence ends: steps after it do not run' });
  }
  return problems;
}
