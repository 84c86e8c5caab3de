/**
 * `taskseq media build --sequence F --content DIR --out DIR [--type standalone|boot|prestaged]
 *  [--password-file F | --protect] [--valid-from T] [--valid-until T] [--var N=V]... [--secret-var N=V]...
 *  [--prestart CMD] [--prestart-files DIR] [--source URL]... [--ca-bundle F] [--part-size BYTES] [--children DIR]
 *  [--allow-unknown-steps] [--force] [--json]`
 */
import { InvalidInputError } from '../../engine/index.ts';
import { buildMedia, type BuildReport } from '../media-builder/build-media.ts';
import type { CliIO } from './io.ts';
import { newMediaPassword } from './media-input.ts';
import { parseVariableOptions } from './option-values.ts';
import { printProblems } from './report-problems.ts';
import { EXIT_OK } from './exit-codes.ts';

const TYPE_NAMES: Record<string, string> = { FullMedia: 'stand-alone', BootMedia: 'boot', OEMMedia: 'prestaged' };

function required(flag: string, v: string | undefined): string {
  if (v === undefined || v === '') throw new InvalidInputError(`media build: ${flag} is required (see taskseq media build --help)`, [{ severity: 'error', code: 'bad-option', field: flag, message: 'is required' }]);
  return v;
}

function partSize(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text)) throw new InvalidInputError(`--part-size must be a number of bytes (got "${text}")`, [{ severity: 'error', code: 'bad-option', field: '--part-size', message: 'expected a number of bytes' }]);
  return Number(text);
}

function summary(r: BuildReport): string[] {
  const files = r.parts.reduce((n, p) => n + p.files, 0);
  const bytes = r.parts.reduce((n, p) => n + p.bytes, 0);
  const lines = [`Built ${TYPE_NAMES[r.mediaType]} media (${r.mediaType}) in ${r.out}: ${r.packages.length} package${r.packages.length === 1 ? '' : 's'}, ${files} file${files === 1 ? '' : 's'}, ${bytes} bytes of content${r.protected ? '; protected with a password' : ''}.`];
  if (r.parts.length > 1 || r.parts[0]?.dir !== r.out) for (const [i, p] of r.parts.entries()) lines.push(`  part ${i + 1}: ${p.dir} (${p.files} file${p.files === 1 ? '' : 's'}, ${p.bytes} bytes)`);
  return lines;
}

/** `taskseq media build` options as the command line gives them; their values are checked here and by the builder. */
export interface MediaBuildOptions {
  sequence?: string; content?: string; out?: string; type?: string; passwordFile?: string; protect?: boolean;
  validFrom?: string; validUntil?: string; var?: string[]; secretVar?: string[]; prestart?: string; prestartFiles?: string;
  source?: string[]; caBundle?: string; partSize?: string; children?: string; allowUnknownSteps?: boolean; json?: boolean;
  /** Empty an existing media folder first (file by file; the folder itself stays). */
  force?: boolean;
}

/** Builds a media folder and prints its summary (or the JSON report); 0 when it was built. */
export async function mediaBuildCommand(values: MediaBuildOptions, io: CliIO): Promise<number> {
  const report = buildMedia({
    sequence: required('--sequence', values.sequence), out: required('--out', values.out), force: values.force === true, content: values.content,
    children: values.children, type: values.type ?? 'standalone',
    password: await newMediaPassword(values.passwordFile, values.protect === true),
    validFrom: values.validFrom, validUntil: values.validUntil,
    variables: parseVariableOptions(values.var, values.secretVar),
    prestart: values.prestart, prestartFiles: values.prestartFiles,
    sources: values.source ?? [], caBundle: values.caBundle,
    partSize: partSize(values.partSize), allowUnknownSteps: values.allowUnknownSteps === true,
    now: new Date(),
  });
  printProblems(io, report.warnings);
  if (values.json) io.out(JSON.stringify({ status: 'built', ...report }));
  else for (const line of summary(report)) io.out(line);
  return EXIT_OK;
}
