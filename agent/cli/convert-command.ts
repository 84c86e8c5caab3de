/** `taskseq convert <file> --to json|xml [--out FILE]`: lossless conversion between the XML and JSON forms. */
import { InvalidInputError, toJsonDocument, writeSequenceXml } from '../../engine/index.ts';
import { readSequenceFile } from '../load/read-sequence-file.ts';
import { checkOutputPaths, writeOutputFile } from '../output/output-folders.ts';
import type { CliIO } from './io.ts';
import { printProblems } from './report-problems.ts';
import { EXIT_OK } from './exit-codes.ts';

/** `taskseq convert` options as the command line gives them. */
export interface ConvertOptions {
  to?: string; out?: string;
}

/** Writes `file` in the other form (to `--out` or stdout); its problems are printed but do not stop it. */
export async function convertCommand(file: string, values: ConvertOptions, io: CliIO): Promise<number> {
  const to = values.to;
  if (to !== 'json' && to !== 'xml') {
    throw new InvalidInputError('convert: --to must be json or xml', [{ severity: 'error', code: 'bad-option', field: '--to', message: 'expected json or xml' }]);
  }
  const out = values.out;
  if (out !== undefined) checkOutputPaths([], [{ option: '--out', path: out }]);
  const loaded = readSequenceFile(file, { allowUnknownSteps: true });
  if (!loaded.loaded) throw new InvalidInputError(`${file}: the sequence cannot be loaded`, loaded.problems);
  // Conversion keeps what is there, valid or not; problems are reported but do not stop it.
  printProblems(io, loaded.problems);
  const doc = loaded.loaded.document;
  const text = to === 'json' ? toJsonDocument(doc) : writeSequenceXml(doc.sequence);
  if (out !== undefined) writeOutputFile({ option: '--out', path: out }, text);
  else io.out(text);
  return EXIT_OK;
}
