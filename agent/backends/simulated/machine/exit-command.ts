/**
 * Recognises the command lines sequences use to force an exit code (`cmd.exe /c exit 5`, `exit /b 3010`), which
 * every simulated machine answers without a script entry.
 */

const EXIT_COMMAND =
  /^\s*(?:"?(?:[a-z]:)?(?:[^"\s]*\\)?cmd(?:\.exe)?"?\s+\/c\s+)?exit(?:\s+\/b)?\s+(-?(?:0x[0-9a-f]+|\d+))\s*$/i;

/**
 * The exit code a built-in exit command produces, or undefined when `commandLine` is not one. Numbers are decimal
 * (optionally negative) or `0x` hex and must fit in 32 bits (signed or unsigned).
 */
export function parseExitCommand(commandLine: string): number | undefined {
  const m = EXIT_COMMAND.exec(commandLine);
  if (!m) return undefined;
  const text = m[1];
  const negative = text.startsWith('-');
  const digits = negative ? text.slice(1) : text;
  const magnitude = /^0x/i.test(digits) ? parseInt(digits.slice(2), 16) : parseInt(digits, 10);
  const value = negative ? -magnitude : magnitude;
  return value >= -0x80000000 && value <= 0xffffffff ? value : undefined;
}
