/**
 * The Windows runner's synchronous door, for the few reads that must answer while a condition is evaluated (the
 * probe's `reg query` of a value whose name a `%VAR%` built). It starts programs exactly as the asynchronous runner
 * does (the same start plan: MSVCRT quoting, program lookup, `cmd.exe` lines, secrets masked in the logged line),
 * decodes their output from the same OEM code page and reports unsigned exit codes. What it cannot do while it
 * blocks: end a process tree on a timeout (only the program itself is ended), hand on lines as they arrive, or be
 * aborted. So it is meant for short programs that start no others.
 */
import { spawnSync, type SpawnSyncOptions, type SpawnSyncReturns } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { OutputCapture } from '../output-capture.ts';
import type { ProcessRequest, ProcessResult } from '../process-types.ts';
import { DEFAULT_OUTPUT_CAP_CHARS } from '../run-process.ts';
import { refuseRunAs } from '../unsupported-requests.ts';
import { consoleDecoder } from './console-decoder.ts';
import { OEM_CODE_PAGE_QUERY, parseOemCodePage } from './oem-code-page.ts';
import type { WindowsStart } from './start-plan.ts';
import { localWindowsHost, mergeEnvironment } from './windows-host.ts';
import { planWindowsStart } from './windows-start.ts';
import { startError, TERMINATED_EXIT_CODE, type WindowsProcessRunnerOptions } from './windows-process-runner.ts';

/** A request the synchronous door takes: no line handler and no abort signal, which need the event loop. */
export type SyncProcessRequest = Omit<ProcessRequest, 'onLine' | 'signal'>;

/** Runs one program to its end, blocking; the same contract as `RunProcess` otherwise. */
export type RunProcessSync = (request: SyncProcessRequest) => ProcessResult;

/** Node's `spawnSync` or a test's script. */
export type SpawnChildSync = (file: string, args: readonly string[], options: SpawnSyncOptions) => SpawnSyncReturns<Buffer>;

/** The asynchronous runner's options, with a synchronous spawn in place of its spawn. */
export interface WindowsSyncRunnerOptions extends Omit<WindowsProcessRunnerOptions, 'spawn' | 'killGraceMs'> {
  /** Node's `spawnSync` by default. */
  spawnSync?: SpawnChildSync;
}

/**
 * A {@link RunProcessSync} for Windows. The code page is read with the first request, through this door (again
 * with the next one when that failed). A timeout ends the program itself and reports `killed` with exit code 1.
 * @throws TaskseqError `unsupported` for `runAs` and when the code page cannot be read; `tool-missing`,
 *   `invalid-input` as {@link planWindowsStart} says
 */
export function createWindowsSyncRunner(options: WindowsSyncRunnerOptions = {}): RunProcessSync {
  const host = options.host ?? localWindowsHost();
  const spawnChild = options.spawnSync ?? (spawnSync as unknown as SpawnChildSync);
  const capChars = options.outputCapChars ?? DEFAULT_OUTPUT_CAP_CHARS;
  let codePage = options.codePage;

  const start = (planned: WindowsStart, request: SyncProcessRequest, page: number): ProcessResult => {
    options.log?.(planned.logged);
    const started = performance.now();
    let r: SpawnSyncReturns<Buffer>;
    try {
      r = spawnChild(planned.program, planned.arguments ? [planned.arguments] : [], {
        argv0: planned.argv0,
        cwd: request.cwd,
        env: mergeEnvironment(host.env, request.env),
        input: request.input === undefined ? undefined : Buffer.from(request.input),
        stdio: [request.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
        timeout: request.timeoutMs,
        // Characters are at most 4 bytes in any code page the decoder reads; the capture keeps the end.
        maxBuffer: capChars * 4,
        windowsVerbatimArguments: true,
        windowsHide: true,
      });
    } catch (e) {
      // Node refuses some starts at once (a batch file without a shell is EINVAL) rather than in its result.
      throw startError(e as NodeJS.ErrnoException, planned, request.cwd, host);
    }
    const timedOut = (r.error as NodeJS.ErrnoException | undefined)?.code === 'ETIMEDOUT';
    if (r.error && !timedOut) throw startError(r.error as NodeJS.ErrnoException, planned, request.cwd, host);
    const text = (bytes: Buffer | null) => {
      const capture = new OutputCapture(capChars, undefined, consoleDecoder(page));
      if (bytes) capture.push(bytes);
      capture.end();
      return capture.text();
    };
    const killed = timedOut || r.signal !== null;
    return {
      exitCode: (r.status ?? TERMINATED_EXIT_CODE) >>> 0, stdout: text(r.stdout), stderr: text(r.stderr), killed,
      durationMs: performance.now() - started,
    };
  };

  const readCodePage = (): number => {
    if (codePage !== undefined) return codePage;
    const query = { argv: OEM_CODE_PAGE_QUERY };
    // The answer is digits: any ASCII-compatible code page reads it.
    const r = start(planWindowsStart(query, host), query, 437);
    codePage = parseOemCodePage(r.stdout, r.exitCode);
    return codePage;
  };

  return (request) => {
    refuseRunAs(request, 'Windows');
    const planned = planWindowsStart(request, host);
    return start(planned, request, readCodePage());
  };
}
