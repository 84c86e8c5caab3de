/**
 * `taskseq run <file> [--machine NAME|FILE|local] [--content DIR] [--drivers DIR] [--children DIR] [--media-type T]
 *  [--var N=V]... [--secret-var N=V]... [--state-dir DIR] [--log-dir DIR] [--log-format cmtrace|json]
 *  [--strict-commands] [--allow-unknown-steps] [--reset] [--json]`
 */
import { InvalidInputError, type MediaType } from '../../engine/index.ts';
import { checkName, isReadOnlyName } from '../../variables/index.ts';
import { runDeployment, type DeploymentReport } from '../runner/run-deployment.ts';
import type { DeploymentOptions } from '../runner/deployment-options.ts';
import type { CliIO } from './io.ts';
import { parseAssignment, parseCommand, requireOne } from './parse-args.ts';
import { printProblems } from './report-problems.ts';
import { EXIT_OK, EXIT_SEQUENCE_FAILED } from './exit-codes.ts';

const MEDIA_TYPES = ['BootMedia', 'FullMedia', 'OEMMedia', 'PXE'];

export async function runCommand(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommand('run', args, {
    machine: { type: 'string' }, content: { type: 'string' }, drivers: { type: 'string' }, children: { type: 'string' },
    'media-type': { type: 'string' }, var: { type: 'string', multiple: true }, 'secret-var': { type: 'string', multiple: true },
    'state-dir': { type: 'string' }, 'log-dir': { type: 'string' }, 'log-format': { type: 'string' },
    'strict-commands': { type: 'boolean' }, 'allow-unknown-steps': { type: 'boolean' }, reset: { type: 'boolean' },
    json: { type: 'boolean' },
  });
  const file = requireOne('run', positionals, 'sequence file');
  const json = values.json === true;
  const options: DeploymentOptions = {
    file,
    machine: (values.machine as string | undefined) ?? 'uefi-desktop',
    content: values.content as string | undefined,
    drivers: values.drivers as string | undefined,
    children: values.children as string | undefined,
    mediaType: mediaType(values['media-type'] as string | undefined),
    variables: [...assignments('--var', values.var as string[] | undefined, false), ...assignments('--secret-var', values['secret-var'] as string[] | undefined, true)],
    stateDir: (values['state-dir'] as string | undefined) ?? '.taskseq/state',
    logDir: (values['log-dir'] as string | undefined) ?? '.taskseq/logs',
    logFormat: logFormat(values['log-format'] as string | undefined),
    strictCommands: values['strict-commands'] === true,
    allowUnknownSteps: values['allow-unknown-steps'] === true,
    reset: values.reset === true,
    console: json ? (l) => io.err(l) : (l) => io.out(l),
  };
  const report = await runDeployment(options);
  printProblems(io, report.problems);
  if (json) io.out(JSON.stringify(toJson(report)));
  else printSummary(io, report);
  return report.status === 'succeeded' ? EXIT_OK : EXIT_SEQUENCE_FAILED;
}

function mediaType(v: string | undefined): MediaType | undefined {
  if (v === undefined) return undefined;
  const found = MEDIA_TYPES.find((m) => m.toLowerCase() === v.toLowerCase());
  if (!found) throw new InvalidInputError(`--media-type must be one of ${MEDIA_TYPES.join(', ')} (got "${v}")`, [{ severity: 'error', code: 'bad-option', field: '--media-type', message: `expected one of ${MEDIA_TYPES.join(', ')}` }]);
  return found as MediaType;
}

function logFormat(v: string | undefined): 'cmtrace' | 'json' {
  if (v === undefined || v === 'cmtrace' || v === 'json') return v ?? 'cmtrace';
  throw new InvalidInputError(`--log-format must be cmtrace or json (got "${v}")`, [{ severity: 'error', code: 'bad-option', field: '--log-format', message: 'expected cmtrace or json' }]);
}

/** `--var`/`--secret-var` values; names are checked like a sequence's (no `_` names: those belong to the engine). */
function assignments(option: string, list: string[] | undefined, secret: boolean) {
  return (list ?? []).map((text) => {
    const { name, value } = parseAssignment(option, text);
    const bad = checkName(name) ?? (isReadOnlyName(name) ? `${name} is read-only: names starting with "_" are set by the engine` : undefined);
    if (bad) throw new InvalidInputError(`${option} ${name}: ${bad}`, [{ severity: 'error', code: 'bad-option', field: option, message: bad }]);
    return { name, value, secret };
  });
}

function toJson(r: DeploymentReport) {
  return {
    status: r.status, exitCode: r.exitCode,
    steps: r.steps.map((s) => ({ index: s.index, path: s.path, name: s.name, type: s.type, outcome: s.outcome, reason: s.reason ?? null, exitCode: s.exitCode ?? null, startedInWinPE: s.startedInWinPE })),
    reboots: r.reboots, variables: r.variables,
    ...(r.message ? { message: r.message } : {}), log: r.logFile,
  };
}

function printSummary(io: CliIO, r: DeploymentReport): void {
  const ran = r.steps.filter((s) => s.outcome === 'succeeded' || s.outcome === 'failed').length;
  const failed = r.steps.filter((s) => s.outcome === 'failed').length;
  const skipped = r.steps.length - ran;
  if (r.message) io.err(r.message);
  io.out(`Task sequence ${r.status} (exit code ${r.exitCode}): ${ran} step runs, ${failed} failed, ${skipped} skipped, ${r.reboots.length} restart${r.reboots.length === 1 ? '' : 's'}. Log: ${r.logFile}`);
}
