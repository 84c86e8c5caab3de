/** Reading what `wimlib-imagex` printed (pure). */

/** The tool's own `ERROR: ...` lines, else its last line of output: what a user needs to see. */
export function parseWimlibFailure(result: { stdout: string; stderr: string }): string {
  const lines = `${result.stderr}\n${result.stdout}`.split(/\r?\n|\r/).map((l) => l.trim()).filter(Boolean);
  const errors = lines.filter((l) => /^ERROR\b/.test(l)).map((l) => l.replace(/^ERROR:?\s*/, ''));
  return errors.length > 0 ? errors.join('; ') : (lines.at(-1) ?? 'no output');
}
