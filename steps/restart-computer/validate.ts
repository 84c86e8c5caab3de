/** Static checks of Restart Computer (pure). */
import type { StepDefinitionView, StepProblem } from '../../engine/step-api.ts';
import { isDeferred } from '../shared/option-value.ts';
import { MAX_MESSAGE_LENGTH, parseTarget, selectTarget } from './plan.ts';

/** Target must be HD or WinPE (error); a notice over 512 characters or a non-numeric timeout is a warning. */
export function validateRestart(view: StepDefinitionView): StepProblem[] {
  const problems: StepProblem[] = [];
  const field = (p: string) => view.optionVariables[p] ?? p;
  const target = selectTarget(view.options.Target, view.node.action);
  if (!isDeferred(target) && parseTarget(target) === undefined) {
    problems.push({ severity: 'error', code: 'invalid-reboot-target', field: field('Target'), message: `restart target "${target}" is not HD or WinPE` });
  }
  const message = view.options.Message ?? '';
  if (message.length > MAX_MESSAGE_LENGTH) {
    problems.push({ severity: 'warning', code: 'message-too-long', field: field('Message'), message: `the notice is ${message.length} characters; at most ${MAX_MESSAGE_LENGTH} are shown` });
  }
  const timeout = view.options.MessageTimeout;
  if (timeout && !isDeferred(timeout) && !/^\s*\d+\s*$/.test(timeout)) {
    problems.push({ severity: 'warning', code: 'invalid-message-timeout', field: field('MessageTimeout'), message: `notice timeout "${timeout}" is not a number of seconds` });
  }
  return problems;
}
