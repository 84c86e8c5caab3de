/** Reading what `wimlib-imagex` printed (pure). */

/**
 * The tool's error lines, else its last line of output: what a user needs to see. Error lines are the program's
 * `ERROR: ...` lines with their indented continuation lines, and the library's own `[ERROR] ...` lines (the cause,
 * e.g. `Failed to mount "/dev/sdb3" with NTFS-3G: Invalid argument`), in the order printed, joined with `; `.
 */
export function parseWimlibFailure(result: { stdout: string; stderr: string }): string {
  const raw = `${result.stderr}\n${result.stdout}`.split(/\r?\n|\r/).filter((l) => l.trim() !== '');
  const errors: string[] = [];
  let inError = false;
  for (const line of raw) {
    if (/^(?:\[ERROR\]|ERROR\b)/.test(line)) {
      errors.push(line.replace(/^(?:\[ERROR\]|ERROR:?)\s*/, ''));
      inError = true;
    } else if (inError && /^\s/.test(line)) {
      errors[errors.length - 1] += ` ${line.trim()}`;
    } else {
      inError = false;
    }
  }
  return errors.length > 0 ? errors.join('; ') : (raw.at(-1)?.trim() ?? 'no output');
}

/** One progress line of wimlib-imagex: which phase, how far, in bytes. */
export interface WimlibProgress {
  /** The line's own name for the phase: `Extracting file data`, `Verifying integrity of "x.wim"`, `Archiving file data`. */
  phase: string;
  /** Approximate: wimlib prints whole units (`12 MiB`), so both byte counts are multiples of that unit. */
  bytesDone: number;
  bytesTotal: number;
  /** As wimlib printed it (0-100); it starts again at 0 in each phase. */
  percent: number;
}

const UNIT_BYTES: Readonly<Record<string, number>> = {
  bytes: 1, KiB: 1024, MiB: 1024 ** 2, GiB: 1024 ** 3, TiB: 1024 ** 4,
};

// `<phase>: <n> <unit> of <m> <unit> (<p>%) done` (apply, capture, integrity check) or `... written, part 1 of 3` (split).
const PROGRESS = /^(.+?): (\d+) (bytes|[KMGT]iB) of (\d+) (bytes|[KMGT]iB) \((\d{1,3})%\) (?:done|written)\b/;

/**
 * The progress a line of `wimlib-imagex apply|capture|append|split` reports, or undefined for any other line (the
 * banner, `Done applying WIM image.`, the scan counts). Lines are what the runner delivers: wimlib redraws its
 * progress with carriage returns, and each redraw is one line.
 */
export function parseWimlibProgress(line: string): WimlibProgress | undefined {
  const m = PROGRESS.exec(line.trim());
  if (!m) return undefined;
  return {
    phase: m[1],
    bytesDone: Number(m[2]) * UNIT_BYTES[m[3]],
    bytesTotal: Number(m[4]) * UNIT_BYTES[m[5]],
    percent: Math.min(100, Number(m[6])),
  };
}
