/**
 * What every command-running step does with a command's result: log the backend's warnings, apply the variables the
 * command set, fill the output variable, and turn a timeout into ERROR_TIMEOUT. Shared by Run Command Line and Run
 * PowerShell Script so that both behave the same.
 */
import type { CommandRequest, CommandResult, StepContext, StepInfo, StepResult } from '../../../engine/step-api.ts';
import { EXIT_TIMEOUT } from '../../../engine/step-api.ts';
import { setStepVariable } from '../set-step-variable.ts';

/** How many trailing characters of output an output variable receives (documented: the last 1000). */
export const OUTPUT_VARIABLE_CHARS = 1000;

export interface CommandOutcomeOptions {
  /** Variable that receives the last {@link OUTPUT_VARIABLE_CHARS} characters of output (already expanded). */
  outputVariable?: string;
}

/** The step's `timeout` (seconds) as the port's `timeoutMs`, or undefined when the step has none. */
export function commandTimeoutMs(step: StepInfo): number | undefined {
  return step.timeoutSeconds !== undefined && step.timeoutSeconds > 0 ? step.timeoutSeconds * 1000 : undefined;
}

/** Runs `request` through the commands port and applies its result (see {@link applyCommandResult}). */
export async function runCommand(ctx: StepContext, request: CommandRequest, options: CommandOutcomeOptions): Promise<StepResult> {
  const result = await ctx.ports.commands.run({ ...request, signal: ctx.signal });
  return applyCommandResult(ctx, result, options);
}

/**
 * Applies a command's result. Variables the command set are applied even when it timed out (a real script writes
 * them while it runs). A write the step may not make (a `_` name, an invalid name) fails the step with the store's
 * message; a timeout becomes exit code 1460 with `timed out after N s`.
 */
export function applyCommandResult(ctx: StepContext, result: CommandResult, options: CommandOutcomeOptions): StepResult {
  for (const w of result.warnings ?? []) ctx.log.warn(w);
  const output = result.output;
  for (const [name, value] of Object.entries(result.setVariables ?? {})) {
    const failed = setStepVariable(ctx.vars, name, value, { prefix: 'the command set a variable it may not write: ' });
    if (failed) return { ...failed, output };
  }
  if (options.outputVariable) {
    const failed = setStepVariable(ctx.vars, options.outputVariable, output.slice(-OUTPUT_VARIABLE_CHARS), {
      prefix: 'output variable: ',
    });
    if (failed) return { ...failed, output };
    ctx.log.info(`Output (last ${OUTPUT_VARIABLE_CHARS} characters at most) saved to ${options.outputVariable}`);
  }
  if (result.timedOut) {
    const seconds = ctx.step.timeoutSeconds;
    return { exitCode: EXIT_TIMEOUT, output, message: seconds !== undefined ? `timed out after ${seconds} s` : 'timed out' };
  }
  return { exitCode: result.exitCode, output };
}
