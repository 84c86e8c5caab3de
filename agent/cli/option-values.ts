/**
 * Checks of option values that the command-line parser hands over as text: variable assignments (secret values never
 * appear in an error), the media type, the network shares a run reaches and the sequence file a command needs.
 */
import { InvalidInputError, type MediaType } from '../../engine/index.ts';
import { connectShare, findShare, type ConnectedShare } from '../backends/host-files/shares.ts';
import { checkName, isReadOnlyName } from '../../variables/index.ts';

/** `NAME=VALUE` -> pair. @throws InvalidInputError naming the option. */
export function parseAssignment(option: string, text: string): { name: string; value: string } {
  const i = text.indexOf('=');
  if (i <= 0) throw new InvalidInputError(`${option} expects NAME=VALUE (got "${option === '--secret-var' ? '********' : text}")`, [{ severity: 'error', code: 'bad-option', field: option, message: 'expected NAME=VALUE' }]);
  return { name: text.slice(0, i), value: text.slice(i + 1) };
}

/** The sequence file a command works on. @throws InvalidInputError naming what was expected when there is none */
export function requireFile(command: string, file: string | undefined, what: string): string {
  if (file === undefined) {
    throw new InvalidInputError(`${command}: expected one ${what}`, [{ severity: 'error', code: 'bad-option', message: `expected one ${what}` }]);
  }
  return file;
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

/**
 * `--share '\\server\share=DIR'` values (run and plan): each share the run reaches and the host folder it is
 * mounted at (or that stands for it on the simulated machine), checked once here.
 * @throws InvalidInputError naming the option: no `=`, not `\\server\share`, a name Windows refuses, a folder that
 *   is missing or not a folder, the same share twice (names match in any case)
 */
export function parseShareOptions(values: readonly string[] | undefined): ConnectedShare[] {
  const option = '--share';
  const shares: ConnectedShare[] = [];
  for (const text of values ?? []) {
    const i = text.indexOf('=');
    if (i <= 0) throw new InvalidInputError(`${option} expects \\\\server\\share=DIR (got "${text}")`, [{ severity: 'error', code: 'bad-option', field: option, message: 'expected \\\\server\\share=DIR' }]);
    const share = connectShare(text.slice(0, i).trim(), text.slice(i + 1), option, text);
    const twice = findShare(shares, share.name);
    if (twice) throw new InvalidInputError(`${option} ${share.name} is given twice (${twice.folder} and ${share.folder}); share names match in any case`, [{ severity: 'error', code: 'bad-option', field: option, message: 'a share given twice' }]);
    shares.push(share);
  }
  return shares;
}
