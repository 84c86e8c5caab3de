/** Reads a sequence file (any form) from disk, refusing oversized input before reading it. */
import { readFileSync, statSync } from 'node:fs';
import { InvalidInputError, loadDocument, MAX_INPUT_BYTES, type LoadResult } from '../../engine/index.ts';

/**
 * Loads and validates `file`.
 * @throws InvalidInputError when the file is missing, unreadable or too large (the problem names the file).
 */
export function readSequenceFile(file: string, options: { allowUnknownSteps?: boolean } = {}): LoadResult {
  let size: number;
  try {
    size = statSync(file).size;
  } catch (e) {
    const why = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message;
    throw new InvalidInputError(`${file}: cannot read the sequence: ${why}`, [{ severity: 'error', code: 'unreadable-file', file, message: `cannot read the file: ${why}` }]);
  }
  if (size > MAX_INPUT_BYTES) {
    const message = `the file is ${size} bytes; the limit is ${MAX_INPUT_BYTES} bytes (a task sequence is rarely over 1 MB: is this the right file?)`;
    throw new InvalidInputError(`${file}: ${message}`, [{ severity: 'error', code: 'input-too-large', file, message }]);
  }
  return loadDocument(new Uint8Array(readFileSync(file)), file, options);
}
