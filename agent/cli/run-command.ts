/**
 * `taskseq run <file> | --source URL... [--ca-bundle FILE] [--cache DIR] [--status-url URL] | --media DIR
 *  [--password-file F] [--media-path DIR]... [--machine NAME|FILE|local] [--share \\SERVER\SHARE=DIR]...
 *  [--content DIR] [--drivers DIR] [--children DIR]
 *  [--state-migration-point URL]
 *  [--media-type T] [--var N=V]... [--secret-var N=V]... [--state-dir DIR] [--log-dir DIR]
 *  [--log-format cmtrace|json] [--strict-commands] [--allow-unknown-steps] [--reset] [--json]`
 */
import { InvalidInputError } from '../../engine/index.ts';
import { parseBackend } from '../backends/select.ts';
import { runDeployment, type DeploymentReport } from '../runner/run-deployment.ts';
import type { DeploymentOptions } from '../runner/deployment-options.ts';
import { mediaContentDir } from '../runner/state-folder.ts';
import { openMedia } from '../media/open-media.ts';
import { checkOutputPaths } from '../output/output-folders.ts';
import { createMediaRun, type MediaRun } from '../media/media-run.ts';
import type { CliIO } from './io.ts';
import { partPrompt, passwordSource } from './media-input.ts';
import { parseMediaType, parseShareOptions, parseVariableOptions, requireFile } from './option-values.ts';
import { printProblems } from './report-problems.ts';
import { printSummary } from './run-summary.ts';
import { EXIT_OK, EXIT_SEQUENCE_FAILED } from './exit-codes.ts';

/** `taskseq run` options as the command line gives them; their values are checked here. */
export interface RunOptions {
  machine?: string; content?: string; drivers?: string; children?: string; mediaType?: string;
  var?: string[]; secretVar?: string[]; stateDir?: string; logDir?: string; logFormat?: string;
  strictCommands?: boolean; allowUnknownSteps?: boolean; reset?: boolean; json?: boolean;
  source?: string[]; caBundle?: string; cache?: string; statusUrl?: string;
  media?: string; passwordFile?: string; mediaPath?: string[]; stateMigrationPoint?: string;
  backend?: string; targetDisk?: string[]; yes?: boolean; firmware?: string; share?: string[];
}

/** Runs the sequence `file` (or the one `--source` or `--media` names) and returns the exit code. */
export async function runCommand(file: string | undefined, values: RunOptions, io: CliIO): Promise<number> {
  const sources = values.source;
  const json = values.json === true;
  const stateDir = values.stateDir ?? '.taskseq/state';
  const logDir = values.logDir ?? '.taskseq/logs';
  const cacheDir = values.cache;
  checkOutputPaths([{ option: '--state-dir', path: stateDir }, { option: '--log-dir', path: logDir }, ...(cacheDir ? [{ option: '--cache', path: cacheDir }] : [])]);
  const variables = parseVariableOptions(values.var, values.secretVar);
  const mediaType = parseMediaType(values.mediaType);
  const format = logFormat(values.logFormat);
  const media = await mediaRun(values, file, stateDir);
  const options: DeploymentOptions = {
    input: {
      file: media ? media.sequence.file
        : sources?.length && file === undefined ? undefined : requireFile('run', file, 'sequence file (or --source URL, or --media DIR)'),
      sources, caBundle: values.caBundle, children: values.children, media, variables,
      allowUnknownSteps: values.allowUnknownSteps === true,
    },
    content: { folder: values.content, cacheDir, drivers: values.drivers, stateMigrationPoint: values.stateMigrationPoint },
    machine: {
      machine: values.machine, backend: parseBackend(values.backend), targetDisks: values.targetDisk, yes: values.yes === true,
      firmware: firmwareOption(values.firmware), shares: parseShareOptions(values.share),
      mediaType, strictCommands: values.strictCommands === true,
    },
    output: {
      stateDir, logDir, logFormat: format, statusUrl: statusUrl(values.statusUrl), reset: values.reset === true,
      console: json ? (l) => io.err(l) : (l) => io.out(l),
      // A follower reads the events as they happen; the report stays the last line.
      ...(json ? { eventLines: (l: string) => io.out(l) } : {}),
    },
  };
  const report = await runDeployment(options);
  printProblems(io, report.problems);
  if (json) io.out(JSON.stringify(toJson(report)));
  else printSummary(io, report);
  return report.status === 'succeeded' ? EXIT_OK : EXIT_SEQUENCE_FAILED;
}

function firmwareOption(v: string | undefined): 'UEFI' | 'BIOS' | undefined {
  if (v === undefined) return undefined;
  const up = v.toUpperCase();
  if (up === 'UEFI' || up === 'BIOS') return up;
  throw new InvalidInputError(`--firmware must be UEFI or BIOS (got "${v}")`, [{ severity: 'error', code: 'bad-option', field: '--firmware', message: 'expected UEFI or BIOS' }]);
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
async function mediaRun(values: RunOptions, file: string | undefined, stateDir: string): Promise<MediaRun | undefined> {
  const dir = values.media;
  const given = (pairs: Array<[string, unknown]>) => pairs.filter(([, v]) => v !== undefined).map(([flag]) => flag);
  const mediaOnly = given([['--password-file', values.passwordFile], ['--media-path', values.mediaPath]]);
  if (dir === undefined) {
    if (mediaOnly.length) throw new InvalidInputError(`${mediaOnly[0]} needs --media DIR`, [{ severity: 'error', code: 'bad-option', field: mediaOnly[0], message: 'needs --media DIR' }]);
    return undefined;
  }
  const clash = [...(file !== undefined ? ['a sequence file'] : []), ...given([['--content', values.content], ['--media-type', values.mediaType]])];
  if (clash.length) throw new InvalidInputError(`--media takes the sequence, content and media type from the media: leave out ${clash.join(', ')}`, [{ severity: 'error', code: 'bad-option', field: '--media', message: `not with ${clash.join(', ')}` }]);
  const media = await openMedia(dir, passwordSource(values.passwordFile));
  return createMediaRun(media, { contentDir: mediaContentDir(stateDir), mediaPaths: values.mediaPath ?? [], askForPart: partPrompt(), reset: values.reset === true });
}

function toJson(r: DeploymentReport) {
  return {
    status: r.status, exitCode: r.exitCode,
    steps: r.steps.map((s) => ({ index: s.index, path: s.path, name: s.name, type: s.type, outcome: s.outcome, reason: s.reason ?? null, exitCode: s.exitCode ?? null, startedInWinPE: s.startedInWinPE })),
    reboots: r.reboots, variables: r.variables,
    ...(r.message ? { message: r.message } : {}), log: r.logFile,
  };
}
