/**
 * Success code lists (`successCodeList="0 3010"`): decimal signed 32-bit integers separated by whitespace. Hex
 * (`0x...`) is not accepted because neither editor writes it; a code like 0xC0000005 is written as -1073741819.
 */

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;

export interface ParsedSuccessCodes {
  codes: number[];
  /** Why the list is not valid; absent when it is. */
  error?: string;
}

/** Parses a success code list; `error` says what is wrong (the valid codes are still returned). */
export function parseSuccessCodeList(text: string): ParsedSuccessCodes {
  const parts = text.split(/[ \t\r\n]+/).filter((p) => p !== '');
  if (parts.length === 0) return { codes: [], error: 'lists no exit codes' };
  const codes: number[] = [];
  const bad: string[] = [];
  for (const part of parts) {
    const n = /^-?[0-9]{1,10}$/.test(part) ? Number(part) : NaN;
    if (Number.isInteger(n) && n >= INT32_MIN && n <= INT32_MAX) codes.push(n);
    else bad.push(`"${part}"`);
  }
  if (bad.length === 0) return { codes };
  return { codes, error: `${bad.join(', ')} ${bad.length === 1 ? 'is' : 'are'} not a decimal 32-bit integer (from ${INT32_MIN} to ${INT32_MAX})` };
}

/** True when two lists name the same set of codes (order and repeats do not matter). */
export function sameCodeSet(a: readonly number[], b: readonly number[]): boolean {
  const sa = new Set(a);
  const sb = new Set(b);
  return sa.size === sb.size && [...sa].every((c) => sb.has(c));
}

/**
 * The exit codes a step succeeds with: `successCodeList` when present, else MDT's `successCodes`, else `[0]`.
 * Entries that do not parse are left out (validation reports them).
 */
export function effectiveSuccessCodes(node: { successCodeList?: string; successCodes?: string }): number[] {
  const text = node.successCodeList ?? node.successCodes;
  return text === undefined ? [0] : parseSuccessCodeList(text).codes;
}
