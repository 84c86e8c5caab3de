/** "Run this step as the following account": shared by Run Command Line and Run PowerShell Script. */
import type { StepContext, StepResult } from '../../../engine/step-api.ts';
import { EXIT_INVALID_PARAMETER, EXIT_NOT_SUPPORTED } from '../../../engine/step-api.ts';
import type { Expansion } from '../../../variables/index.ts';
import { parseFlag, readOptionExpansion, readVariableExpansion } from '../option-value.ts';

/** Where one step type keeps its run-as settings (properties in `defaultVarList`, then documented variables). */
export interface RunAsSettings {
  /** Documented writable variable that switches run-as on, e.g. `SMSTSRunCommandLineAsUser`. */
  flagVariable: string;
  /** Properties carrying the account name, in order of preference. */
  userProperties: readonly string[];
  userVariable: string;
  passwordProperties: readonly string[];
  passwordVariable: string;
}

/**
 * The settings of a step whose documented names follow `SMSTS<prefix>...`: `SMSTS<prefix>AsUser` switches run-as
 * on, `SMSTS<prefix>UserName` / `SMSTS<prefix>UserPassword` carry the account as properties (after `UserName` /
 * `UserPassword`) and as variables.
 */
export function runAsSettings(prefix: string): RunAsSettings {
  const user = `SMSTS${prefix}UserName`;
  const password = `SMSTS${prefix}UserPassword`;
  return {
    flagVariable: `SMSTS${prefix}AsUser`,
    userProperties: ['UserName', user], userVariable: user,
    passwordProperties: ['UserPassword', password], passwordVariable: password,
  };
}

export type RunAsDecision = { runAs?: { user: string; password: string } } | { failure: StepResult };

/**
 * Decides the account a command runs as. Run-as is on when the step's `RunAsUser` property (carried by
 * `_SMSTS...AsUser`) or the documented variable is true. Fails in Windows PE (documented: not supported there) and
 * when no account name is set. An empty password is passed on with a warning: exports strip passwords.
 */
export function decideRunAs(ctx: StepContext, settings: RunAsSettings): RunAsDecision {
  const on = parseFlag(ctx.option('RunAsUser')) || parseFlag(ctx.vars.get(settings.flagVariable));
  if (!on) return {};
  if (ctx.environment.inWinPE) {
    return {
      failure: {
        exitCode: EXIT_NOT_SUPPORTED,
        message: `running as another account (${settings.flagVariable}) is not supported in Windows PE`,
      },
    };
  }
  const user = firstOf(ctx, settings.userProperties, settings.userVariable)?.text;
  if (!user) {
    return {
      failure: { exitCode: EXIT_INVALID_PARAMETER, message: `run as another account is on but ${settings.userVariable} is empty` },
    };
  }
  const password = firstOf(ctx, settings.passwordProperties, settings.passwordVariable)?.text ?? '';
  if (password === '') ctx.log.warn(`${settings.passwordVariable} is empty (exports strip passwords); running as ${user} without one`);
  return { runAs: { user, password } };
}

/** The first non-empty option among `properties`, else the value of `variable`. */
function firstOf(ctx: StepContext, properties: readonly string[], variable: string): Expansion | undefined {
  for (const p of properties) {
    const v = readOptionExpansion(ctx, p);
    if (v) return v;
  }
  return readVariableExpansion(ctx, variable);
}
