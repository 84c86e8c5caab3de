/**
 * `taskseq media build --sequence F --content DIR --out DIR [--type standalone|boot|prestaged]
 *  [--password-file F | --protect] [--valid-from T] [--valid-until T] [--var N=V]... [--secret-var N=V]...
 *  [--prestart CMD] [--prestart-files DIR] [--source URL]... [--ca-bundle F] [--part-size BYTES] [--children DIR]
 *  [--allow-unknown-steps] [--force] [--json]`
 */
import { InvalidInputError } from '../../engine/index.ts';
import { buildMedia, type BuildReport } from '../media/build-media.ts';
import type { CliIO } from './io.ts';
import { newMediaPassword } from './media-input.ts';
import { parseCommand, parseVariableOptions } from './parse-args.ts';
import { printProblems } from './report-problems.ts';
import { EXIT_OK } from './exit-codes.ts';

const USAGE = 'usage: taskseq media build --sequence FILE --out DIR [--content DIR] [--type standalone|boot|prestaged] [options]';

const TYPE_NAMES: Record<string, string> = { FullMedia: 'stand-alone', BootMedia: 'boot', OEMMedia: 'prestaged' };

function required(values: Record<string, unknown>, name: string): string {
  const v = values[name];
  if (typeof v !== 'string' || v === '') throw new InvalidInputError(`taskseq media build: --${name} is required\n${USAGE}`, [{ severity: 'error', code: 'bad-option', field: `--${name}`, message: 'is required' }]);
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

async function build(args: string[], io: CliIO): Promise<number> {
  const { values } = parseCommand('media build', args, {
    sequence: { type: 'string' }, content: { type: 'string' }, out: { type: 'string' }, type: { type: 'string' },
    'password-file': { type: 'string' }, protect: { type: 'boolean' }, 'valid-from': { type: 'string' }, 'valid-until': { type: 'string' },
    var: { type: 'string', multiple: true }, 'secret-var': { type: 'string', multiple: true }, prestart: { type: 'string' },
    'prestart-files': { type: 'string' }, source: { type: 'string', multiple: true }, 'ca-bundle': { type: 'string' },
    'part-size': { type: 'string' }, children: { type: 'string' }, 'allow-unknown-steps': { type: 'boolean' }, json: { type: 'boolean' },
    force: { type: 'boolean' },
  });
  const report = buildMedia({
    sequence: required(values, 'sequence'), out: required(values, 'out'), force: values.force === true, content: values.content as string | undefined,
    children: values.children as string | undefined, type: (values.type as string | undefined) ?? 'standalone',
    password: await newMediaPassword(values['password-file'] as string | undefined, values.protect === true),
    validFrom: values['valid-from'] as string | undefined, validUntil: values['valid-until'] as string | undefined,
    variables: parseVariableOptions(values.var as string[] | undefined, values['secret-var'] as string[] | undefined),
    prestart: values.prestart as string | undefined, prestartFiles: values['prestart-files'] as string | undefined,
    sources: ((values.source as string[] | undefined) ?? []), caBundle: values['ca-bundle'] as string | undefined,
    partSize: partSize(values['part-size'] as string | undefined), allowUnknownSteps: values['allow-unknown-steps'] === true,
    now: new Date(),
  });
  printProblems(io, report.warnings);
  if (values.json) io.out(JSON.stringify({ status: 'built', ...report }));
  else for (const line of summary(report)) io.out(line);
  return EXIT_OK;
}

/** `taskseq media <subcommand>`. */
export async function mediaCommand(args: string[], io: CliIO): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'build') return build(rest, io);
  throw new InvalidInputError(`taskseq media: unknown subcommand "${sub ?? ''}"\n${USAGE}`, [{ severity: 'error', code: 'bad-option', message: 'expected: media build' }]);
}
