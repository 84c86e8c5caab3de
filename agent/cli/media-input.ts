/** Where a media password and media parts come from on the command line: a file, or the terminal. */
import { readFileSync } from 'node:fs';
import { InvalidInputError } from '../../engine/index.ts';
import type { PasswordSource } from '../media/open-media.ts';
import type { PartPrompt } from '../media/media-parts.ts';
import { hasTerminal, promptHidden, promptLine } from './terminal-prompt.ts';

/**
 * The first line of a password file, its line end stripped (`\n` or `\r\n`; a UTF-8 BOM is ignored).
 * @throws InvalidInputError when the file cannot be read or the line is empty (the message never holds its content)
 */
export function readPasswordFile(file: string): string {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const why = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message;
    throw new InvalidInputError(`--password-file ${file}: ${why}`, [{ severity: 'error', code: 'bad-option', field: '--password-file', file, message: why }]);
  }
  const line = text.replace(/^\uFEFF/, '').split('\n')[0].replace(/\r$/, '');
  if (line === '') throw new InvalidInputError(`--password-file ${file}: the first line is empty`, [{ severity: 'error', code: 'bad-option', field: '--password-file', file, message: 'the first line is empty' }]);
  return line;
}

/** For opening a media: the file when given, else a terminal prompt, else none (a protected media is refused). */
export function passwordSource(file: string | undefined): PasswordSource | undefined {
  if (file !== undefined) return async () => readPasswordFile(file);
  if (!hasTerminal()) return undefined;
  return () => promptHidden('Media password: ');
}

/**
 * For building a protected media: the file when given, else (with `prompt`) asked twice on the terminal.
 * @throws InvalidInputError when there is no terminal or the two entries differ
 */
export async function newMediaPassword(file: string | undefined, prompt: boolean): Promise<string | undefined> {
  if (file !== undefined) return readPasswordFile(file);
  if (!prompt) return undefined;
  if (!hasTerminal()) throw new InvalidInputError('--protect asks for the password on a terminal; without one, give --password-file FILE', [{ severity: 'error', code: 'bad-option', field: '--protect', message: 'no terminal' }]);
  const first = await promptHidden('New media password: ');
  const again = await promptHidden('Repeat the password: ');
  if (first !== again) throw new InvalidInputError('the two passwords differ', [{ severity: 'error', code: 'bad-option', field: '--protect', message: 'the two passwords differ' }]);
  if (first === '') throw new InvalidInputError('the password is empty', [{ severity: 'error', code: 'bad-option', field: '--protect', message: 'the password is empty' }]);
  return first;
}

/** Asks for a media part on the terminal; none without a terminal. */
export function partPrompt(): PartPrompt | undefined {
  if (!hasTerminal()) return undefined;
  return async ({ number, count, files, problem }) => {
    if (problem) process.stderr.write(`${problem}\n`);
    const shown = files.slice(0, 5).join(', ') + (files.length > 5 ? ` and ${files.length - 5} more` : '');
    return promptLine(`Insert media part ${number} of ${count} (it holds ${shown}) and type the folder where it is (empty to stop): `);
  };
}
