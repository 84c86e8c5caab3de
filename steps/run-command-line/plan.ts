/** Which command a command-line step runs, and from which package (pure). */
import type { Expansion } from '../../variables/index.ts';
import { parseAction } from './parse-action.ts';

export const RUN_COMMAND_LINE_TYPE = 'SMS_TaskSequence_RunCommandLineAction';

/**
 * True for the types whose `defaultVarList` holds Run Command Line's options (`CommandLine`, `PackageID`,
 * `WorkingDirectory`, run-as, output variable): Run Command Line itself and MDT steps without a type. Every other type
 * (MDT scripts, unknown steps run with `--allow-unknown-steps`) runs its `<action>` and its options stay variables
 * for the command to read (e.g. `BDD_RunPowerShellAction`'s `PackageID` names content the MDT script fetches itself).
 */
export function hasCommandLineOptions(type: string): boolean {
  return type === RUN_COMMAND_LINE_TYPE || type === '';
}

export interface CommandSourceInput {
  /** Option `CommandLine`, expanded. */
  commandLineOption?: Expansion;
  /** Option `PackageID`, expanded. */
  packageIdOption?: string;
  /** The step's `<action>`, unexpanded. */
  action?: string;
  /** `%VAR%` expansion of the run. */
  expand(text: string): Expansion;
}

export interface CommandSource {
  commandLine: Expansion;
  packageId?: string;
}

/**
 * Picks the command line: option `CommandLine` when set, else the `<action>` without its `smsswd.exe /run:[id]`
 * wrapper. The package is option `PackageID`, else the id after `/run:`. Returns an error text when there is no
 * command at all.
 */
export function planCommandSource(input: CommandSourceInput): CommandSource | { error: string } {
  const parsed = input.action !== undefined ? parseAction(input.action) : undefined;
  const packageId = input.packageIdOption || (parsed?.packageId ? input.expand(parsed.packageId).text : undefined);
  const withPackage = (commandLine: Expansion): CommandSource => (packageId ? { commandLine, packageId } : { commandLine });
  if (input.commandLineOption && input.commandLineOption.text.trim() !== '') return withPackage(input.commandLineOption);
  if (parsed && parsed.commandLine !== '') return withPackage(input.expand(parsed.commandLine));
  return { error: 'no command line: the step has neither a CommandLine option nor an <action>' };
}
