/**
 * What both process runners do with a started program, whatever the platform: capture its outputs, hand on its
 * lines, feed its standard input, end it on a timeout, an abort or a failing `onLine`, and report how it ended. How
 * a program is ended and how its exit status reads are the platform's, passed in.
 */
import type { Readable, Writable } from 'node:stream';
import { OutputCapture, type ChunkDecoder } from './output-capture.ts';
import type { ProcessRequest, ProcessResult } from './process-types.ts';

/** The parts of a spawned child the runners use; Node's `ChildProcess` is one, and tests script their own. */
export interface SupervisedChild {
  readonly pid?: number;
  readonly stdin: Writable | null;
  readonly stdout: Readable | null;
  readonly stderr: Readable | null;
  on(event: 'error', listener: (error: NodeJS.ErrnoException) => void): unknown;
  on(event: 'close', listener: (code: number | null, signal: NodeJS.Signals | null) => void): unknown;
}

/** The platform's part of supervising one child. */
export interface Supervision {
  /** `performance.now()` when the program was started, for `durationMs`. */
  started: number;
  /** Characters kept of each output stream. */
  capChars: number;
  /** A fresh decoder for one output stream; UTF-8 when absent. */
  decoder?: () => ChunkDecoder;
  /** Ends the program and what it started; called at most once. */
  kill(): void;
  /** The outputs closed; `killed` says whether `kill` was called (a last chance to end what is left). */
  closed(killed: boolean): void;
  /** The exit code to report for how the child ended. */
  exitCode(code: number | null, signal: NodeJS.Signals | null): number;
  /** The error to reject with when the child could not start. */
  startError(error: NodeJS.ErrnoException): Error;
}

/**
 * Supervises `child` for `request` to its end. Resolves when both outputs closed; rejects with the start error, or
 * with what `onLine` threw (the program is killed first).
 */
export function superviseChild(child: SupervisedChild, request: ProcessRequest, how: Supervision): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    let killed = false;
    let failure: unknown;
    let timer: NodeJS.Timeout | undefined;
    const kill = () => {
      if (killed || child.pid === undefined) return;
      killed = true;
      how.kill();
    };
    const lineHandler = (stream: 'stdout' | 'stderr') => request.onLine && ((line: string) => {
      if (failure !== undefined) return;
      try {
        request.onLine!(line, stream);
      } catch (e) {
        failure = e;
        kill();
      }
    });
    const stdout = new OutputCapture(how.capChars, lineHandler('stdout'), how.decoder?.());
    const stderr = new OutputCapture(how.capChars, lineHandler('stderr'), how.decoder?.());
    child.stdout!.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr!.on('data', (chunk: Buffer) => stderr.push(chunk));
    if (request.timeoutMs !== undefined) timer = setTimeout(kill, request.timeoutMs);
    request.signal?.addEventListener('abort', kill, { once: true });
    if (child.stdin) {
      // A program may end without reading its input; the broken pipe is its business, not an error of the run.
      child.stdin.on('error', () => {});
      child.stdin.end(request.input);
    }
    const finish = () => {
      clearTimeout(timer);
      request.signal?.removeEventListener('abort', kill);
    };
    child.on('error', (e) => {
      finish();
      reject(how.startError(e));
    });
    child.on('close', (code, signal) => {
      finish();
      how.closed(killed);
      stdout.end();
      stderr.end();
      if (failure !== undefined) return reject(failure);
      resolve({
        exitCode: how.exitCode(code, signal), stdout: stdout.text(), stderr: stderr.text(), killed,
        durationMs: performance.now() - how.started,
      });
    });
  });
}
