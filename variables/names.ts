/** Task sequence variable naming rules (case-insensitive names, read-only `_` prefix, length limits). */

/** Longest variable name accepted, in characters. */
export const MAX_NAME_LENGTH = 256;
/** Longest value a sequence or step may set, in characters (the SDK allows 4001). */
export const MAX_VALUE_LENGTH = 4001;

// Real exports carry names that start with a digit (the console accepted them), so only "-" is refused first.
const NAME_PATTERN = /^[A-Za-z0-9_][A-Za-z0-9_\-]*$/;

/**
 * `_` names that sequences set on purpose to brand the progress UI (MDT's templates set `_SMSTSOrgName`); every
 * other `_` name is the engine's.
 */
const WRITABLE_UNDERSCORE = new Set(['_smstsorgname', '_smstspackagename', '_smstscustomprogressdialogmessage']);

/** The key a name is stored under: names are case-insensitive. */
export function keyOf(name: string): string {
  return name.toLowerCase();
}

/** Names starting with `_` belong to the engine: sequences and steps may read them but not write them. */
export function isReadOnlyName(name: string): boolean {
  return name.startsWith('_') && !WRITABLE_UNDERSCORE.has(name.toLowerCase());
}

/** Returns why `name` is not a valid variable name, or undefined when it is. */
export function checkName(name: string): string | undefined {
  if (name.length === 0) return 'a variable name must not be empty';
  if (name.length > MAX_NAME_LENGTH) return `a variable name is at most ${MAX_NAME_LENGTH} characters (got ${name.length})`;
  if (!NAME_PATTERN.test(name)) return `"${name}" is not a valid variable name (letters, digits, "_" and "-"; no spaces; must not start with "-")`;
  return undefined;
}

/** Returns why `value` may not be set by a sequence or step, or undefined when it may. */
export function checkValue(value: string): string | undefined {
  if (value.length > MAX_VALUE_LENGTH) return `a variable value is at most ${MAX_VALUE_LENGTH} characters (got ${value.length})`;
  return undefined;
}
