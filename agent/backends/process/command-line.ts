/** The form of a command line that goes into logs and messages: shell-quoted, secrets masked. */
import { MASK, Redactor } from '../../../variables/index.ts';

/** Characters a POSIX shell reads literally in an unquoted word. */
const PLAIN_WORD = /^[A-Za-z0-9_@%+=:,./-]+$/;

/**
 * `argv` as one line a POSIX shell would split back into the same words, with every secret value replaced by the
 * run log's mask ({@link MASK}), also where it is only part of an argument (`--password=<secret>`). The mask is
 * applied before quoting, so no escaped form of a secret can survive.
 */
export function formatCommandLine(argv: readonly string[], secrets: readonly string[] = []): string {
  const redactor = new Redactor();
  for (const s of secrets) redactor.add(s);
  return argv.map((arg) => quoteShellWord(redactor.redact(arg))).join(' ');
}

/** One word quoted for a POSIX shell: as it is when it is plain, else in single quotes (`'` as `'\''`). */
export function quoteShellWord(word: string): string {
  if (PLAIN_WORD.test(word)) return word;
  return `'${word.replaceAll("'", `'\\''`)}'`;
}
