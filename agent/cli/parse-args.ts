/** Command-line parsing with clear errors (node's parseArgs: no dependency needed for this). */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { InvalidInputError, type MediaType } from '../../engine/index.ts';
import { checkName, isReadOnlyName } from '../../variables/index.ts';

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

/**
 * `--var N=V` and `--secret-var N=V` values, in that order; names are checked like a sequence's (no `_` names: those
 * belong to the engine). @throws InvalidInputError naming the option (never a secret value)
 */
export function parseVariableOptions(vars: string[] | undefined, secretVars: string[] | undefined): Array<{ name: string; value: string; secret: boolean }> {
  const read = (option: string, list: string[] | undefined, secret: boolean) => (list ?? []).map((text) => {
    const { name, value } = parseAssignment(option, text);
    const bad = checkName(name) ?? (isReadOnlyName(name) ? `${name} is read-only: names starting with "_" are set by the engine` : undefined);
    if (bad) throw new InvalidInputError(`${option} ${name}: ${bad}`, [{ severity: 'error', code: 'bad-option', field: option, message: bad }]);
    return { name, value, secret };
  });
  return [...read('--var', vars, false), ...read('--secret-var', secretVars, true)];
}

const MEDIA_TYPES: readonly MediaType[] = ['BootMedia', 'FullMedia', 'OEMMedia', 'PXE'];

/** `--media-type` (case-insensitive). @throws InvalidInputError for another value */
export function parseMediaType(v: string | undefined): MediaType | undefined {
  if (v === undefined) return undefined;
  const found = MEDIA_TYPES.find((m) => m.toLowerCase() === v.toLowerCase());
  if (!found) throw new InvalidInputError(`--media-type must be one of ${MEDIA_TYPES.join(', ')} (got "${v}")`, [{ severity: 'error', code: 'bad-option', field: '--media-type', message: `expected one of ${MEDIA_TYPES.join(', ')}` }]);
  return found;
}
