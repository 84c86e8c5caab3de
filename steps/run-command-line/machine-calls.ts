/** The command a command-line step will run, as written in the sequence (pure), for the backend to judge before the run. */
import type { MachineCall, StepDefinitionView } from '../../engine/step-api.ts';
import { hasCommandLineOptions } from './plan.ts';
import { parseAction } from './parse-action.ts';

/** Option `CommandLine` when the type has it and it is set, else the `<action>`; nothing when there is neither. */
export function commandLineCalls(view: StepDefinitionView): MachineCall[] {
  const option = hasCommandLineOptions(view.node.type ?? '') ? view.options.CommandLine?.trim() : undefined;
  if (option) return [{ kind: 'command', commandKind: 'command-line', commandLine: option, field: view.optionVariables.CommandLine ?? 'CommandLine' }];
  const action = view.node.action !== undefined ? parseAction(view.node.action).commandLine.trim() : '';
  return action ? [{ kind: 'command', commandKind: 'command-line', commandLine: action, field: 'action' }] : [];
}
