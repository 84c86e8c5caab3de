/**
 * The contract of the one process runner every live backend starts external programs through. Backends take a
 * {@link RunProcess} instead of spawning themselves, so their tests script it and the runner alone owns timeouts,
 * killing the process group, output capture and the redacted command line in the log.
 */

/** One program to run. */
export interface ProcessRequest {
  /** Program and arguments; never passed through a shell. Empty when `line` is given. */
  argv: readonly string[];
  /**
   * Windows only: a command line as a sequence writes it (Run Command Line, a PowerShell step's rendered line), run
   * by `cmd.exe` instead of a program built from `argv`. The POSIX runner refuses it.
   */
  line?: string;
  /**
   * Windows only, with `line`: the command line sees the native 64-bit system folder. Without it, on 64-bit Windows
   * it sees the 32-bit one, as a sequence's command lines do by default.
   */
  disableWow64Redirection?: boolean;
  /** Run as this account instead of the agent's; neither runner supports it yet, and both refuse it. */
  runAs?: { user: string; password: string };
  /** Bytes or text written to the program's standard input, which is then closed. */
  input?: string | Uint8Array;
  /** Working folder; the agent's own when absent. */
  cwd?: string;
  /** Variables added to the agent's environment. */
  env?: Readonly<Record<string, string>>;
  /** Milliseconds before the whole process group is killed; no limit when absent. */
  timeoutMs?: number;
  /** Values that must not appear in any logged or thrown text (passwords, keys). */
  secrets?: readonly string[];
  /** Each complete line of standard output or error as it arrives (progress parsing). */
  onLine?: (line: string, stream: 'stdout' | 'stderr') => void;
  /** Aborting kills the process group, as a timeout does. */
  signal?: AbortSignal;
}

/** How a program ended. A non-zero exit code is a result, not an error: the caller judges it. */
export interface ProcessResult {
  exitCode: number;
  stdout: string;
  stderr: string;
  /** True when the runner killed the program (timeout or abort). */
  killed: boolean;
  durationMs: number;
}

/**
 * Runs one program to its end.
 * @throws TaskseqError `tool-missing` naming the program and the Debian package (or Windows component) that brings
 * it, when it is not on the PATH; `unsupported` for a request the runner cannot carry out as asked (`runAs`, a
 * `line` on POSIX); never for a non-zero exit code
 */
export type RunProcess = (request: ProcessRequest) => Promise<ProcessResult>;
