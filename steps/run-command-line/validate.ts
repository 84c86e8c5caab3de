/** Static checks of command-line steps (pure). */
import type { StepDefinitionView, StepProblem } from '../../engine/step-api.ts';
import { parseFlag } from '../shared/option-value.ts';
import { checkWritableName } from '../shared/writable-name.ts';
import { hasCommandLineOptions } from './plan.ts';
import { parseAction } from './parse-action.ts';

/** Longest command line the SDK accepts, in characters. */
export const MAX_COMMAND_LINE_LENGTH = 32000;

/** Checks a Run Command Line, untyped MDT or script step: there is a command, and the options are usable. */
export function validateCommandLineStep(view: StepDefinitionView): StepProblem[] {
  const problems: StepProblem[] = [];
  const own = hasCommandLineOptions(view.node.type ?? '');
  const commandLine = own ? view.options.CommandLine ?? '' : '';
  const action = view.node.action !== undefined ? parseAction(view.node.action).commandLine : '';
  if (commandLine.trim() === '' && action === '') {
    problems.push({
      severity: 'error',
      code: 'missing-command-line',
      field: own ? 'CommandLine' : 'action',
      message: own ? 'no command line: set the CommandLine option or an <action>' : 'no <action> to run',
    });
  }
  if (commandLine.length > MAX_COMMAND_LINE_LENGTH) {
    problems.push({
      severity: 'error',
      code: 'command-line-too-long',
      field: 'CommandLine',
      message: `the command line is ${commandLine.length} characters; at most ${MAX_COMMAND_LINE_LENGTH} are allowed`,
    });
  }
  if (own) problems.push(...validateOwnOptions(view));
  return problems;
}

function validateOwnOptions(view: StepDefinitionView): StepProblem[] {
  const problems: StepProblem[] = [];
  const output = view.options.OutputVariableName;
  if (output) {
    const bad = checkWritableName(output, 'Run Command Line', view.optionVariables.OutputVariableName ?? 'OutputVariableName');
    if (bad) problems.push(bad);
  }
  if (parseFlag(view.options.RunAsUser) && view.node.runIn === 'WinPE') {
    problems.push({
      severity: 'error',
      code: 'run-as-in-winpe',
      field: view.optionVariables.RunAsUser ?? 'RunAsUser',
      message: 'the step runs only in Windows PE, where running as another account is not supported',
    });
  }
  return problems;
}
