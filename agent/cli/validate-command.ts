/**
 * `taskseq validate <file> [--json] [--children DIR] [--allow-unknown-steps] [--media-type T]`: exit 0 valid,
 * 2 invalid. `--media-type FullMedia` adds the stand-alone media rules (as errors: the file cannot run from such media).
 */
import { InvalidInputError, type MediaType } from '../../engine/index.ts';
import { prepareRun } from '../runner/prepare-run.ts';
import type { CliIO } from './io.ts';
import { parseCommand, parseMediaType, requireOne } from './parse-args.ts';
import { counts, printProblems } from './report-problems.ts';
import { EXIT_INVALID, EXIT_OK } from './exit-codes.ts';

export async function validateCommand(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommand('validate', args, {
    json: { type: 'boolean' }, children: { type: 'string' }, 'allow-unknown-steps': { type: 'boolean' }, 'media-type': { type: 'string' },
  });
  const file = requireOne('validate', positionals, 'sequence file');
  const mediaType = parseMediaType(values['media-type'] as string | undefined);
  let problems;
  let valid = true;
  try {
    problems = prepareRun({ file, children: values.children as string | undefined, allowUnknownSteps: values['allow-unknown-steps'] === true, mode: 'validate', mediaType }).problems;
  } catch (e) {
    if (!(e instanceof InvalidInputError)) throw e;
    problems = e.problems;
    valid = false;
  }
  const { errors, warnings } = counts(problems);
  if (values.json) {
    io.out(JSON.stringify({ file, valid, errors, warnings, problems }));
  } else {
    printProblems(io, problems);
    io.out(`${file}: ${valid ? 'valid' : 'invalid'} (${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'})`);
  }
  return valid ? EXIT_OK : EXIT_INVALID;
}
