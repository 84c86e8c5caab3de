/** Command-line parsing with clear errors (node's parseArgs: no dependency needed for this). */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { InvalidInputError } from '../../engine/index.ts';

export type Options = ParseArgsConfig['options'];

/**
 * Parses `args` for one command.
 * @throws InvalidInputError naming the unknown or malformed option.
 */
export function parseCommand(command: string, args: string[], options: Options): {
  values: Record<string, string | boolean | Array<string | boolean> | undefined>;
  positionals: string[];
} {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (e) {
    const msg = (e as Error).message.replace(/\. To specify a positional argument.*$/s, '');
    throw new InvalidInputError(`taskseq ${command}: ${msg}`, [{ severity: 'error', code: 'bad-option', message: msg }]);
  }
}

/** `NAME=VALUE` -> pair. @throws InvalidInputError naming the option. */
export function parseAssignment(option: string, text: string): { name: string; value: string } {
  const i = text.indexOf('=');
  if (i <= 0) throw new InvalidInputError(`${option} expects NAME=VALUE (got "${option === '--secret-var' ? '********' : text}")`, [{ severity: 'error', code: 'bad-option', field: option, message: 'expected NAME=VALUE' }]);
  return { name: text.slice(0, i), value: text.slice(i + 1) };
}

export function requireOne(command: string, positionals: string[], what: string): string {
  if (positionals.length !== 1) {
    throw new InvalidInputError(`taskseq ${command}: expected one ${what}, got ${positionals.length}`, [{ severity: 'error', code: 'bad-option', message: `expected one ${what}` }]);
  }
  return positionals[0];
}
