/**
 * Run Command Line, untyped MDT steps and MDT script steps (`BDD_*`): runs one command through the commands port.
 * The same module runs any step's `<action>` when the CLI allows unknown step types.
 */
import type { CommandRequest, StepContext, StepModule, StepResult } from '../../engine/step-api.ts';
import { EXIT_CONTENT_NOT_FOUND, EXIT_INVALID_PARAMETER } from '../../engine/step-api.ts';
import { optionValues, parseFlag, readOption } from '../shared/option-value.ts';
import { commandTimeoutMs, runCommand } from '../shared/command/apply-command-result.ts';
import { DO_NOT_LOG_VARIABLE, renderCommandLogLine } from '../shared/command/command-log.ts';
import { hasCommandLineOptions, planCommandSource } from './plan.ts';
import { decideRunAs } from '../shared/command/run-as.ts';
import { validateCommandLineStep } from './validate.ts';
import { commandLineCalls } from './machine-calls.ts';
import { parseAction } from './parse-action.ts';
import { runCommandLineManifest, RUN_COMMAND_LINE_RUN_AS } from './manifest.ts';

export { parseAction } from './parse-action.ts';
export { RUN_COMMAND_LINE_TYPE, planCommandSource } from './plan.ts';
export { MDT_SCRIPT_TYPES } from './manifest.ts';

type Built = { request: CommandRequest; outputVariable?: string } | { failure: StepResult };

/** Describes the command of the running step, or the failure that stops it before anything runs. */
function buildRequest(ctx: StepContext): Built {
  const own = hasCommandLineOptions(ctx.step.node.type ?? '');
  const source = planCommandSource({
    commandLineOption: own ? ctx.optionExpansion('CommandLine') : undefined,
    packageIdOption: own ? ctx.option('PackageID') : undefined,
    action: ctx.step.action,
    expand: (text) => ctx.vars.expand(text),
  });
  if ('error' in source) return { failure: { exitCode: EXIT_INVALID_PARAMETER, message: source.error } };
  const packagePath = source.packageId !== undefined ? ctx.ports.content.resolve(source.packageId) : undefined;
  if (source.packageId !== undefined && packagePath === undefined) return { failure: missingPackage(ctx, source.packageId) };
  const runAs = own ? decideRunAs(ctx, RUN_COMMAND_LINE_RUN_AS) : {};
  if ('failure' in runAs) return runAs;
  const workingDirectory =
    (own ? ctx.option('WorkingDirectory') : undefined) ?? (ctx.step.startIn ? ctx.vars.expand(ctx.step.startIn).text : undefined);
  const request: CommandRequest = {
    kind: 'command-line',
    commandLine: source.commandLine.text,
    secret: source.commandLine.secret || parseFlag(ctx.vars.get(DO_NOT_LOG_VARIABLE)),
    ...(source.packageId !== undefined ? { packageId: source.packageId, packagePath } : {}),
    ...(workingDirectory ? { workingDirectory } : {}),
    ...optional('timeoutMs', commandTimeoutMs(ctx.step)),
    ...(parseFlag(readOption(ctx, 'DisableWow64Redirection', 'SMSTSDisableWow64Redirection')) ? { disableWow64Redirection: true } : {}),
    ...optional('runAs', runAs.runAs),
  };
  const outputVariable = own ? readOption(ctx, 'OutputVariableName', 'SMSTSRunCommandLineOutputVariableName') : undefined;
  return { request, ...optional('outputVariable', outputVariable) };
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

function missingPackage(ctx: StepContext, packageId: string): StepResult {
  const available = ctx.ports.content.available();
  const listed = available.length === 0 ? 'none' : available.slice(0, 10).join(', ') + (available.length > 10 ? ', ...' : '');
  return { exitCode: EXIT_CONTENT_NOT_FOUND, message: `package ${packageId} is not available (content available: ${listed})` };
}

async function run(ctx: StepContext): Promise<StepResult> {
  const built = buildRequest(ctx);
  if ('failure' in built) return built.failure;
  const { request } = built;
  const doNotLog = parseFlag(ctx.vars.get(DO_NOT_LOG_VARIABLE));
  ctx.log.info(renderCommandLogLine(request.commandLine, { secret: request.secret, doNotLog }));
  if (request.runAs) ctx.log.info(`Running as ${request.runAs.user}`);
  return runCommand(ctx, request, { ...optional('outputVariable', built.outputVariable) });
}

/** Run Command Line (`SMS_TaskSequence_RunCommandLineAction`), untyped MDT steps and MDT `BDD_*` script steps. */
export const runCommandLineStep: StepModule = {
  id: 'run-command-line',
  component: 'InstallSoftware',
  manifest: runCommandLineManifest,
  runIn: 'both',
  rerunnable: false,
  ports: ['commands', 'content'],
  validate: validateCommandLineStep,
  machineCalls: commandLineCalls,
  // Run Command Line names its package in PackageID; every other type it runs only through `smsswd.exe /run:<id>`.
  packages: (view) => {
    const own = hasCommandLineOptions(view.node.type ?? '') ? optionValues(view, ['PackageID']) : [];
    const fromAction = parseAction(view.node.action ?? '').packageId;
    return own.length ? own : fromAction ? [fromAction] : [];
  },
  run,
};

/**
 * A module that runs a step of `type` (unknown to the registry) as a command line: its `<action>` without the
 * `smsswd.exe /run:` wrapper. Used for `--allow-unknown-steps`; its options are not interpreted.
 */
export function createUnknownStepModule(type: string): StepModule {
  return { ...runCommandLineStep, manifest: { ...runCommandLineManifest, types: [{ type, displayName: type, defaultRunIn: 'WinPEandFullOS' }] } };
}
