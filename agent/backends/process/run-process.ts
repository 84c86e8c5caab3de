/**
 * The one process runner of the live backends ({@link RunProcess}): no shell, the program leads its own process
 * group so that a timeout or an abort kills everything it started, and the command line is logged with the
 * request's secrets masked.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { constants } from 'node:os';
import { performance } from 'node:perf_hooks';
import type { ToolEnvironment } from '../../doctor/check-tools.ts';
import { TaskseqError } from '../../../engine/index.ts';
import { formatCommandLine } from './command-line.ts';
import { findProgram, toolMissing } from './find-program.ts';
import { superviseChild } from './child-supervision.ts';
import { refuseCommandLine, refuseRunAs } from './unsupported-requests.ts';
import type { ProcessRequest, ProcessResult, RunProcess } from './process-types.ts';

/** How the runner behaves; every field has a default fit for a live run. */
export interface ProcessRunnerOptions {
  /** Receives each command line before it starts, shell-quoted and with the request's secrets masked. */
  log?: (commandLine: string) => void;
  /** Milliseconds between SIGTERM and SIGKILL to the process group. */
  killGraceMs?: number;
  /** Characters kept of each of stdout and stderr; the start of a longer output is dropped. */
  outputCapChars?: number;
  /** Where programs are looked for; this machine's PATH and sbin folders by default. */
  tools?: ToolEnvironment;
}

/** A program that ignores SIGTERM gets this long to end before SIGKILL. */
export const DEFAULT_KILL_GRACE_MS = 5000;
/**
 * Of each output stream the last 16 Mi characters are kept: far more than any listing the backend parses
 * (`lsblk --json`, `sfdisk --json`), while a long apply's progress lines cannot grow the agent without bound.
 */
export const DEFAULT_OUTPUT_CAP_CHARS = 16 * 1024 * 1024;

/**
 * A {@link RunProcess} with these options. The result's `stdout` and `stderr` hold at most `outputCapChars` each
 * (the end of the output); `onLine` still sees every line. A killed program's exit code is 128 plus the signal's
 * number, as a shell reports it. When `onLine` throws, the program is killed and the run rejects with that error.
 */
export function createProcessRunner(options: ProcessRunnerOptions = {}): RunProcess {
  const graceMs = options.killGraceMs ?? DEFAULT_KILL_GRACE_MS;
  const capChars = options.outputCapChars ?? DEFAULT_OUTPUT_CAP_CHARS;
  return async (request) => {
    refuseCommandLine(request, 'POSIX');
    refuseRunAs(request, 'POSIX');
    const [program, ...args] = request.argv;
    if (program === undefined) throw new TypeError('runProcess: argv is empty');
    const path = findProgram(program, options.tools);
    if (request.signal?.aborted) return { exitCode: 128 + constants.signals.SIGTERM, stdout: '', stderr: '', killed: true, durationMs: 0 };
    options.log?.(formatCommandLine(request.argv, request.secrets));
    return run(path, args, request, graceMs, capChars);
  };
}

/** The runner with its defaults and no log. */
export const runProcess: RunProcess = createProcessRunner();

function run(path: string, args: string[], request: ProcessRequest, graceMs: number, capChars: number): Promise<ProcessResult> {
  const started = performance.now();
  const child = spawn(path, args, {
    cwd: request.cwd,
    env: { ...process.env, ...request.env },
    detached: true,
    stdio: [request.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
  });
  let grace: NodeJS.Timeout | undefined;
  return superviseChild(child, request, {
    started,
    capChars,
    kill: () => {
      signalGroup(child.pid!, 'SIGTERM');
      grace = setTimeout(() => signalGroup(child.pid!, 'SIGKILL'), graceMs);
    },
    closed: (killed) => {
      clearTimeout(grace);
      // A member that closed its output and ignored SIGTERM would outlive the run: the group goes as a whole.
      if (killed) signalGroup(child.pid!, 'SIGKILL');
    },
    exitCode: (code, signal) => code ?? 128 + (signal ? constants.signals[signal] : 0),
    startError: (e) => startError(e, path, request.cwd),
  });
}

/** Why spawn failed: a folder that is not there, or a program that cannot start. */
function startError(e: NodeJS.ErrnoException, path: string, cwd: string | undefined): Error {
  if (e.code === 'ENOENT' && cwd !== undefined && !existsSync(cwd)) {
    return new TaskseqError('invalid-input', `cannot run ${path}: the working folder ${cwd} does not exist`, { cause: e });
  }
  return e.code === 'ENOENT' || e.code === 'EACCES' ? toolMissing(path, `${path} could not start (${e.code})`) : e;
}

/** Signals the whole group; a group already gone is what we wanted. */
function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ESRCH') throw e;
  }
}
