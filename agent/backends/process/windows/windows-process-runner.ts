/**
 * The process runner on Windows ({@link RunProcess}), with the POSIX runner's contract: no shell for argv (the
 * command line is built by the MSVCRT rules and passed verbatim), a sequence's command line run by `cmd.exe`, a
 * timeout or abort ending the whole process tree (`taskkill /T /F`), console output decoded from the OEM code page,
 * exit codes as unsigned 32-bit values, and the command line logged with secrets masked.
 */
import { spawn, type SpawnOptions } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { TaskseqError } from '../../../../engine/index.ts';
import { superviseChild, type SupervisedChild } from '../child-supervision.ts';
import { DEFAULT_OUTPUT_CAP_CHARS } from '../run-process.ts';
import type { ProcessRequest, ProcessResult, RunProcess } from '../process-types.ts';
import { refuseRunAs } from '../unsupported-requests.ts';
import { consoleDecoder } from './console-decoder.ts';
import { OEM_CODE_PAGE_QUERY, parseOemCodePage } from './oem-code-page.ts';
import { localWindowsHost, mergeEnvironment, type WindowsHost } from './windows-host.ts';
import type { WindowsStart } from './start-plan.ts';
import { planWindowsStart } from './windows-start.ts';

/** Starts a program; Node's `spawn` or a test's script. */
export type SpawnChild = (file: string, args: readonly string[], options: SpawnOptions) => SupervisedChild & { kill(): boolean };

/** How the Windows runner behaves; every field has a default fit for a live run. */
export interface WindowsProcessRunnerOptions {
  /** Receives each command line before it starts, as Windows gets it, with the request's secrets masked. */
  log?: (commandLine: string) => void;
  /** Characters kept of each of stdout and stderr; the start of a longer output is dropped. */
  outputCapChars?: number;
  /** Node's `spawn` by default. */
  spawn?: SpawnChild;
  /** This machine by default. */
  host?: WindowsHost;
  /** The OEM code page of console output; read once from the registry when absent. */
  codePage?: number;
  /**
   * Milliseconds the outputs may stay open after the tree was ended before the runner stops waiting for them (a
   * process outside the tree, such as one whose parent had already exited, may still hold them).
   */
  killGraceMs?: number;
}

/** The program `taskkill /T /F` ends exits with this code. */
export const TERMINATED_EXIT_CODE = 1;
/** How long the outputs of an ended tree may stay open. */
export const DEFAULT_KILL_GRACE_MS = 5000;

/**
 * A {@link RunProcess} for Windows. A killed program reports the exit code Windows gives it (1 after `taskkill
 * /F`) and `killed: true`. The code page is read with the first request, through this runner (again with the next
 * one when that failed).
 * @throws TaskseqError `unsupported` for `runAs` (see docs/backends.md) and when the code page cannot be read;
 *   `tool-missing`, `invalid-input` as {@link planWindowsStart} says
 */
export function createWindowsProcessRunner(options: WindowsProcessRunnerOptions = {}): RunProcess {
  const host = options.host ?? localWindowsHost();
  const spawnChild = options.spawn ?? (spawn as unknown as SpawnChild);
  const capChars = options.outputCapChars ?? DEFAULT_OUTPUT_CAP_CHARS;
  const graceMs = options.killGraceMs ?? DEFAULT_KILL_GRACE_MS;
  let codePage: Promise<number> | undefined = options.codePage === undefined ? undefined : Promise.resolve(options.codePage);

  const start = (planned: WindowsStart, request: ProcessRequest, page: number): Promise<ProcessResult> => {
    options.log?.(planned.logged);
    const started = performance.now();
    let child: ReturnType<SpawnChild>;
    try {
      // Verbatim: Node joins argv0 and the arguments with a space and quotes nothing, so the line is the planned one.
      child = spawnChild(planned.program, planned.arguments ? [planned.arguments] : [], {
        argv0: planned.argv0,
        cwd: request.cwd,
        env: mergeEnvironment(host.env, request.env),
        stdio: [request.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
        windowsVerbatimArguments: true,
        windowsHide: true,
      });
    } catch (e) {
      // Node refuses some starts at once (a batch file without a shell is EINVAL) rather than with an error event.
      return Promise.reject(startError(e as NodeJS.ErrnoException, planned, request.cwd, host));
    }
    let grace: NodeJS.Timeout | undefined;
    return superviseChild(child, request, {
      started,
      capChars,
      decoder: () => consoleDecoder(page),
      kill: () => {
        endTree(child);
        grace = setTimeout(() => { child.stdout?.destroy(); child.stderr?.destroy(); }, graceMs);
      },
      closed: () => clearTimeout(grace),
      exitCode: (code) => (code ?? TERMINATED_EXIT_CODE) >>> 0,
      startError: (e) => startError(e, planned, request.cwd, host),
    });
  };

  /** `taskkill /T /F /PID <pid>` through this runner; when it cannot run, at least the program itself is ended. */
  const endTree = (child: SupervisedChild & { kill(): boolean }) => {
    const taskkill = { argv: ['taskkill', '/T', '/F', '/PID', String(child.pid)] };
    readCodePage()
      .then((page) => start(planWindowsStart(taskkill, host), taskkill, page))
      .then((r) => { if (r.exitCode !== 0) child.kill(); }, () => child.kill());
  };

  const readCodePage = (): Promise<number> => codePage ??= (async () => {
    const query = { argv: OEM_CODE_PAGE_QUERY };
    try {
      // The answer is digits: any ASCII-compatible code page reads it.
      const r = await start(planWindowsStart(query, host), query, 437);
      return parseOemCodePage(r.stdout, r.exitCode);
    } catch (e) {
      codePage = undefined; // the next request asks again
      throw e;
    }
  })();

  return async (request) => {
    refuseRunAs(request, 'Windows');
    const planned = planWindowsStart(request, host);
    if (request.signal?.aborted) return { exitCode: TERMINATED_EXIT_CODE, stdout: '', stderr: '', killed: true, durationMs: 0 };
    return start(planned, request, await readCodePage());
  };
}

/** Why spawn failed: a folder that is not there, or a program that cannot start (the synchronous door's too). */
export function startError(e: NodeJS.ErrnoException, planned: WindowsStart, cwd: string | undefined, host: WindowsHost): Error {
  if (cwd !== undefined && !host.isDirectory(cwd)) {
    return new TaskseqError('invalid-input', `cannot run ${planned.program}: the working folder ${cwd} does not exist`, { cause: e });
  }
  if (e.code === 'ENOENT' || e.code === 'EACCES' || e.code === 'EINVAL') {
    return new TaskseqError('tool-missing', `${planned.program} could not start (${e.code})`, { cause: e });
  }
  return e;
}
