/**
 * What `reg query` prints, read back: a key line (`HKEY_LOCAL_MACHINE\...`) followed by its values, each indented by
 * four spaces as `<name>    <type>    <data>`. Data is turned into the probe's text form: REG_DWORD and REG_QWORD
 * (printed as `0x1f`) in decimal, REG_MULTI_SZ (its strings joined by the two characters `\0`) joined by a line
 * break, REG_BINARY as the hex digits reg prints, the rest as printed.
 */
import type { RegistryValue } from '../../../../engine/index.ts';

/** One key of the output and its values by name (lower case; the default value under `''`). */
export interface RegQueryKey {
  key: string;
  values: Map<string, RegistryValue>;
}

const VALUE_LINE = /^ {4}(.*?) {4}(REG_[A-Z_0-9]+)(?: {4}(.*))?$/;

/** How reg shows the default value's name, and the data of a default value that was never set (English Windows). */
const DEFAULT_NAME = '(default)';
const NOT_SET = '(value not set)';

function dataOf(type: string, printed: string): string {
  switch (type) {
    case 'REG_DWORD':
    case 'REG_QWORD':
      return /^0x[0-9a-f]+$/i.test(printed) ? BigInt(printed).toString() : printed;
    case 'REG_MULTI_SZ':
      return printed.split('\\0').filter((s, i, all) => s !== '' || i < all.length - 1).join('\n');
    default:
      return printed;
  }
}

/**
 * The keys and values in `output`, in order (`/s` prints many keys; a query of one value prints one key).
 * @param defaultName how this reg names the default value (`(Default)` on English Windows)
 */
export function parseRegQuery(output: string, defaultName = DEFAULT_NAME): RegQueryKey[] {
  const keys: RegQueryKey[] = [];
  for (const line of output.split(/\r?\n/)) {
    if (/^HKEY_/i.test(line)) {
      keys.push({ key: line.trim(), values: new Map() });
      continue;
    }
    const m = VALUE_LINE.exec(line);
    const current = keys.at(-1);
    if (!m || !current) continue;
    const isDefault = m[1]!.toLowerCase() === defaultName.toLowerCase();
    // A key's default value that was never set reads as empty text, as the simulated machine shows a key it knows.
    const printed = isDefault && m[3] === NOT_SET ? '' : m[3] ?? '';
    current.values.set(isDefault ? '' : m[1]!.toLowerCase(), { type: m[2]!, data: dataOf(m[2]!, printed) });
  }
  return keys;
}
