/**
 * `taskseq validate <file> [--json] [--children DIR] [--allow-unknown-steps] [--media-type T]`: exit 0 valid,
 * 2 invalid. `--media-type FullMedia` adds the stand-alone media rules (errors, except a site-only
 * step whose failure continue on error catches: a warning, as the run fails that step and goes on).
 */
import { InvalidInputError, type MediaType } from '../../engine/index.ts';
import { prepareRun } from '../load/prepare-run.ts';
import type { CliIO } from './io.ts';
import { parseMediaType } from './option-values.ts';
import { counts, printProblems } from './report-problems.ts';
import { EXIT_INVALID, EXIT_OK } from './exit-codes.ts';

/** `taskseq validate` options as the command line gives them. */
export interface ValidateOptions {
  json?: boolean; children?: string; allowUnknownSteps?: boolean; mediaType?: string;
}

/** Checks `file` and prints every problem; 0 when it is valid, 2 when it is not. */
export async function validateCommand(file: string, values: ValidateOptions, io: CliIO): Promise<number> {
  const mediaType = parseMediaType(values.mediaType);
  let problems;
  let valid = true;
  try {
    problems = prepareRun({ file, children: values.children, allowUnknownSteps: values.allowUnknownSteps === true, mode: 'validate', mediaType }).problems;
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
