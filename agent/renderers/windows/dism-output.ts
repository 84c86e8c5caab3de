/**
 * Reads what `dism.exe` printed to its console (pure): progress percentages, the error it reported and where its
 * log is. DISM redraws its progress bar with carriage returns, so a captured output may hold many bars on one line;
 * the parser therefore scans the whole text rather than line by line. It never throws: unknown text yields a result
 * with no progress and the caller's exit code.
 */

export interface DismProgress {
  /** 0-100, one decimal as DISM prints it. */
  percent: number;
}

export interface DismResult {
  /** The process exit code, as the caller observed it. */
  exitCode: number;
  /** As printed after `Error:` (`0x8007000d`, or a decimal Win32 code such as `87`); hex lower-cased. */
  errorCode?: string;
  /** The error's text (lines joined with a space); on success, DISM's success line when present. */
  message?: string;
  /** `X:\windows\Logs\DISM\dism.log` as DISM named it. */
  logPath?: string;
  /** Percentages in the order printed, repeats of the same value in a row dropped. */
  progress: DismProgress[];
}

/** `[====   5.0%    ]`; localised consoles print a decimal comma (`5,0%`). */
const PROGRESS_BAR = /\[[=\s]*(\d{1,3}(?:[.,]\d+)?)%[=\s]*\]/g;
const ERROR_LINE = /^\s*Error:\s*(0x[0-9a-fA-F]{1,8}|-?\d+)\s*$/;
const LOG_LINE = /^\s*The DISM log file can be found at\s+(.+?)\.?\s*$/;
const SUCCESS_LINE = 'The operation completed successfully.';

function parseProgress(text: string): DismProgress[] {
  const progress: DismProgress[] = [];
  for (const m of text.matchAll(PROGRESS_BAR)) {
    const percent = Number(m[1].replace(',', '.'));
    if (!(percent >= 0 && percent <= 100)) continue;
    // Only repeats in a row are dropped: a second phase that starts again at 0 is kept.
    if (progress.at(-1)?.percent !== percent) progress.push({ percent });
  }
  return progress;
}

/** The non-empty lines after the `Error:` line, up to the log-file line, another `Error:` line or a progress bar. */
function errorMessage(lines: string[], from: number): string | undefined {
  const parts: string[] = [];
  for (let i = from; i < lines.length; i++) {
    const line = lines[i].trim();
    if (LOG_LINE.test(line) || ERROR_LINE.test(line) || line.startsWith('[')) break;
    if (line !== '') parts.push(line);
  }
  return parts.length ? parts.join(' ') : undefined;
}

/**
 * Parses DISM's console output. `exitCode` is the process's exit code and is returned unchanged; the error code,
 * message and log path come from the text when DISM printed them. Line ends may be LF, CRLF or bare CR.
 */
export function parseDismOutput(text: string, exitCode: number): DismResult {
  const result: DismResult = { exitCode, progress: parseProgress(text) };
  const lines = text.split(/\r\n|\r|\n/);
  for (let i = 0; i < lines.length; i++) {
    const error = ERROR_LINE.exec(lines[i]);
    if (error && result.errorCode === undefined) {
      result.errorCode = error[1].toLowerCase();
      const message = errorMessage(lines, i + 1);
      if (message !== undefined) result.message = message;
    }
    const log = LOG_LINE.exec(lines[i]);
    if (log) result.logPath = log[1];
  }
  if (result.errorCode === undefined && lines.some((l) => l.trim() === SUCCESS_LINE)) result.message = SUCCESS_LINE;
  return result;
}
