/**
 * `taskseq run <file> | --source URL... [--ca-bundle FILE] [--cache DIR] [--status-url URL] | --media DIR
 *  [--password-file F] [--media-path DIR]... [--machine NAME|FILE|local] [--content DIR] [--drivers DIR] [--children DIR]
 *  [--state-migration-point URL]
 *  [--media-type T] [--var N=V]... [--secret-var N=V]... [--state-dir DIR] [--log-dir DIR]
 *  [--log-format cmtrace|json] [--strict-commands] [--allow-unknown-steps] [--reset] [--json]`
 */
import { InvalidInputError } from '../../engine/index.ts';
import { runDeployment, type DeploymentReport } from '../runner/run-deployment.ts';
import type { DeploymentOptions } from '../runner/deployment-options.ts';
import { openMedia } from '../media/open-media.ts';
import { checkOutputPaths } from '../runner/output-folders.ts';
import { createMediaRun, type MediaRun } from '../media/media-run.ts';
import type { CliIO } from './io.ts';
import { partPrompt, passwordSource } from './media-input.ts';
import { parseCommand, parseMediaType, parseVariableOptions, requireOne } from './parse-args.ts';
import { printProblems } from './report-problems.ts';
import { printSummary } from './run-summary.ts';
import { EXIT_OK, EXIT_SEQUENCE_FAILED } from './exit-codes.ts';

export async function runCommand(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommand('run', args, {
    machine: { type: 'string' }, content: { type: 'string' }, drivers: { type: 'string' }, children: { type: 'string' },
    'media-type': { type: 'string' }, var: { type: 'string', multiple: true }, 'secret-var': { type: 'string', multiple: true },
    'state-dir': { type: 'string' }, 'log-dir': { type: 'string' }, 'log-format': { type: 'string' },
    'strict-commands': { type: 'boolean' }, 'allow-unknown-steps': { type: 'boolean' }, reset: { type: 'boolean' },
    json: { type: 'boolean' }, source: { type: 'string', multiple: true }, 'ca-bundle': { type: 'string' },
    cache: { type: 'string' }, 'status-url': { type: 'string' },
    media: { type: 'string' }, 'password-file': { type: 'string' }, 'media-path': { type: 'string', multiple: true },
    'state-migration-point': { type: 'string' },
  });
  const sources = values.source as string[] | undefined;
  const json = values.json === true;
  const stateDir = (values['state-dir'] as string | undefined) ?? '.taskseq/state';
  const logDir = (values['log-dir'] as string | undefined) ?? '.taskseq/logs';
  const cacheDir = values.cache as string | undefined;
  checkOutputPaths([{ option: '--state-dir', path: stateDir }, { option: '--log-dir', path: logDir }, ...(cacheDir ? [{ option: '--cache', path: cacheDir }] : [])]);
  const variables = parseVariableOptions(values.var as string[] | undefined, values['secret-var'] as string[] | undefined);
  const mediaType = parseMediaType(values['media-type'] as string | undefined);
  const format = logFormat(values['log-format'] as string | undefined);
  const media = await mediaRun(values, positionals, stateDir);
  const file = media ? media.sequence.file
    : sources?.length && positionals.length === 0 ? undefined : requireOne('run', positionals, 'sequence file (or --source URL, or --media DIR)');
  const options: DeploymentOptions = {
    file, media,
    sources,
    caBundle: values['ca-bundle'] as string | undefined,
    cacheDir,
    statusUrl: statusUrl(values['status-url'] as string | undefined),
    machine: (values.machine as string | undefined) ?? 'uefi-desktop',
    content: values.content as string | undefined,
    drivers: values.drivers as string | undefined,
    children: values.children as string | undefined,
    stateMigrationPoint: values['state-migration-point'] as string | undefined,
    mediaType,
    variables,
    stateDir,
    logDir,
    logFormat: format,
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

function statusUrl(v: string | undefined): string | undefined {
  if (v === undefined || /^https?:\/\/[^\s]+$/.test(v)) return v;
  throw new InvalidInputError(`--status-url must be an http:// or https:// URL (got "${v}")`, [{ severity: 'error', code: 'bad-option', field: '--status-url', message: 'expected an http:// or https:// URL' }]);
}

function logFormat(v: string | undefined): 'cmtrace' | 'json' {
  if (v === undefined || v === 'cmtrace' || v === 'json') return v ?? 'cmtrace';
  throw new InvalidInputError(`--log-format must be cmtrace or json (got "${v}")`, [{ severity: 'error', code: 'bad-option', field: '--log-format', message: 'expected cmtrace or json' }]);
}

/**
 * `--media DIR`: opens the media (password, policy, sequence hash) before anything else happens.
 * @throws InvalidInputError for options that the media decides (a sequence file, --content, --media-type)
 */
async function mediaRun(values: Record<string, unknown>, positionals: string[], stateDir: string): Promise<MediaRun | undefined> {
  const dir = values.media as string | undefined;
  const mediaOnly = ['password-file', 'media-path'].filter((o) => values[o] !== undefined);
  if (dir === undefined) {
    if (mediaOnly.length) throw new InvalidInputError(`--${mediaOnly[0]} needs --media DIR`, [{ severity: 'error', code: 'bad-option', field: `--${mediaOnly[0]}`, message: 'needs --media DIR' }]);
    return undefined;
  }
  const clash = [...(positionals.length ? ['a sequence file'] : []), ...['content', 'media-type'].filter((o) => values[o] !== undefined).map((o) => `--${o}`)];
  if (clash.length) throw new InvalidInputError(`--media takes the sequence, content and media type from the media: leave out ${clash.join(', ')}`, [{ severity: 'error', code: 'bad-option', field: '--media', message: `not with ${clash.join(', ')}` }]);
  const media = await openMedia(dir, passwordSource(values['password-file'] as string | undefined));
  return createMediaRun(media, { stateDir, mediaPaths: (values['media-path'] as string[] | undefined) ?? [], askForPart: partPrompt(), reset: values.reset === true });
}

function toJson(r: DeploymentReport) {
  return {
    status: r.status, exitCode: r.exitCode,
    steps: r.steps.map((s) => ({ index: s.index, path: s.path, name: s.name, type: s.type, outcome: s.outcome, reason: s.reason ?? null, exitCode: s.exitCode ?? null, startedInWinPE: s.startedInWinPE })),
    reboots: r.reboots, variables: r.variables,
    ...(r.message ? { message: r.message } : {}), log: r.logFile,
  };
}
