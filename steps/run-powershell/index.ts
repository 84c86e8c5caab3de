/** Run PowerShell Script: an inline or package script run by PowerShell.exe through the commands port. */
import type { CommandRequest, StepContext, StepModule, StepResult } from '../../engine/step-api.ts';
import type { Expansion } from '../../variables/index.ts';
import { commandTimeoutMs, runCommand } from '../shared/command/apply-command-result.ts';
import { renderCommandLogLine } from '../shared/command/command-log.ts';
import { decideRunAs } from '../shared/command/run-as.ts';
import { EXIT_CONTENT_NOT_FOUND, EXIT_INVALID_PARAMETER } from '../../engine/step-api.ts';
import { optionValues, parseFlag, readOption } from '../shared/option-value.ts';
import {
  EXECUTION_POLICIES,
  joinWindowsPath,
  parseExecutionPolicy,
  planScriptSource,
  renderPowerShellCommandLine,
  RUN_POWERSHELL_TYPE,
  type ExecutionPolicy,
  type ScriptSource,
} from './plan.ts';
import { validatePowerShellStep } from './validate.ts';
import { runPowerShellManifest, RUN_POWERSHELL_RUN_AS } from './manifest.ts';

export { decodeSourceScript, encodeSourceScript } from './source-script.ts';
export { renderInlineScriptPath, renderScriptGuid, INLINE_SCRIPT_FOLDER } from './script-file-name.ts';
export { renderPowerShellCommandLine, parseExecutionPolicy, RUN_POWERSHELL_TYPE, EXECUTION_POLICIES } from './plan.ts';

/** Variable a sequence sets to `TRUE` to have the script parameters logged. */
export const LOG_PARAMETERS_VARIABLE = 'OSDLogPowerShellParameters';

type Located = { path: string; packageId?: string; packagePath?: string } | { failure: StepResult };
type Built = { request: CommandRequest; logLine: string; outputVariable?: string } | { failure: StepResult };

function fail(message: string, exitCode = EXIT_INVALID_PARAMETER): { failure: StepResult } {
  return { failure: { exitCode, message } };
}

function locateScript(ctx: StepContext, script: ScriptSource): Located {
  if (script.kind === 'inline') return { path: script.path };
  const packagePath = ctx.ports.content.resolve(script.packageId);
  if (packagePath === undefined) return fail(`package ${script.packageId} is not available`, EXIT_CONTENT_NOT_FOUND);
  return { path: joinWindowsPath(packagePath, script.scriptName), packageId: script.packageId, packagePath };
}

/** The log line: the command line, with the parameters only when the sequence asked for them and none is secret. */
function renderLogLine(policy: ExecutionPolicy, path: string, params: Expansion | undefined, logParams: boolean): string {
  if (!params) return renderCommandLogLine(renderPowerShellCommandLine(policy, path), { secret: false, doNotLog: false });
  if (logParams && !params.secret) {
    return renderCommandLogLine(renderPowerShellCommandLine(policy, path, params.text), { secret: false, doNotLog: false });
  }
  const why = params.secret ? 'they contain a secret value' : `set ${LOG_PARAMETERS_VARIABLE}=TRUE to log them`;
  return renderCommandLogLine(`${renderPowerShellCommandLine(policy, path)} (parameters not logged: ${why})`, { secret: false, doNotLog: false });
}

function buildRequest(ctx: StepContext): Built {
  const script = planScriptSource({ sourceScript: ctx.option('SourceScript'), packageId: ctx.option('PackageID'), scriptName: ctx.option('ScriptName') });
  if ('error' in script) return fail(script.error);
  const policy = parseExecutionPolicy(ctx.option('ExecutionPolicy'));
  if (!policy) return fail(`execution policy "${ctx.option('ExecutionPolicy')}" is not one of ${EXECUTION_POLICIES.join(', ')}`);
  const located = locateScript(ctx, script);
  if ('failure' in located) return located;
  const runAs = decideRunAs(ctx, RUN_POWERSHELL_RUN_AS);
  if ('failure' in runAs) return runAs;
  const params = ctx.optionExpansion('Parameters');
  const logParams = parseFlag(ctx.vars.get(LOG_PARAMETERS_VARIABLE));
  const workingDirectory = readOption(ctx, 'WorkingDirectory', 'SMSTSRunPowerShellWorkingDirectory');
  const timeoutMs = commandTimeoutMs(ctx.step);
  const request: CommandRequest = {
    kind: 'powershell',
    commandLine: renderPowerShellCommandLine(policy, located.path, params?.text),
    script: {
      fileName: script.kind === 'inline' ? script.path : script.scriptName,
      ...(script.kind === 'inline' ? { source: script.source } : {}),
      ...(params ? { parameters: params.text } : {}),
      executionPolicy: policy,
    },
    // Backends must not log or echo parameters the log may not show either.
    secret: params !== undefined && (params.secret || !logParams),
    ...(located.packageId !== undefined ? { packageId: located.packageId, packagePath: located.packagePath } : {}),
    ...(workingDirectory ? { workingDirectory } : {}),
    ...(timeoutMs !== undefined ? { timeoutMs } : {}),
    ...(runAs.runAs ? { runAs: runAs.runAs } : {}),
  };
  const outputVariable = readOption(ctx, 'OutputVariableName', 'OSDRunPowerShellScriptOutputVariableName');
  return { request, logLine: renderLogLine(policy, located.path, params, logParams), ...(outputVariable ? { outputVariable } : {}) };
}

async function run(ctx: StepContext): Promise<StepResult> {
  const built = buildRequest(ctx);
  if ('failure' in built) return built.failure;
  ctx.log.info(built.logLine);
  if (built.request.runAs) ctx.log.info(`Running as ${built.request.runAs.user}`);
  return runCommand(ctx, built.request, built.outputVariable ? { outputVariable: built.outputVariable } : {});
}

/** Run PowerShell Script (`SMS_TaskSequence_RunPowerShellScriptAction`). MDT's `BDD_RunPowerShellAction` is a script call run by run-command-line. */
export const runPowerShellStep: StepModule = {
  id: 'run-powershell',
  component: 'RunPowerShellScript',
  manifest: runPowerShellManifest,
  runIn: 'both',
  rerunnable: false,
  ports: ['commands', 'content'],
  validate: validatePowerShellStep,
  machineCalls: () => [{ kind: 'command', commandKind: 'powershell' }],
  // An inline script needs no package; a script file comes from PackageID.
  packages: (view) => (optionValues(view, ['SourceScript']).length ? [] : optionValues(view, ['PackageID'])),
  run,
};
