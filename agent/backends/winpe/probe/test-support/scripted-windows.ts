/**
 * A scripted Windows for the probe's tests: one script answers both the runner and its synchronous door, each argv
 * as recorded (the same argv may be asked again), and anything unscripted throws.
 */
import { readFileSync } from 'node:fs';
import { TaskseqError } from '../../../../../engine/index.ts';
import type { ProcessRequest, ProcessResult, RunProcess } from '../../../process/process-types.ts';
import type { RunProcessSync, SyncProcessRequest } from '../../../process/windows/windows-sync-runner.ts';

/** One recorded command and how it ended; `missing` makes the runner refuse it as a program that is not there. */
export interface RecordedCommand {
  argv: readonly string[];
  exitCode?: number;
  stdout?: string;
  stderr?: string;
  killed?: boolean;
  missing?: boolean;
}

/** The fake runners and what they were asked for, in order (argv joined by spaces; `sync:` for the door). */
export interface ScriptedWindows {
  run: RunProcess;
  runSync: RunProcessSync;
  calls: string[];
  inputs: string[];
}

const key = (argv: readonly string[]) => JSON.stringify(argv);

export function scriptedWindows(commands: readonly RecordedCommand[]): ScriptedWindows {
  const byArgv = new Map(commands.map((c) => [key(c.argv), c]));
  const calls: string[] = [];
  const inputs: string[] = [];
  const answer = (request: SyncProcessRequest | ProcessRequest, door: string): ProcessResult => {
    calls.push(`${door}${request.argv.join(' ')}`);
    if (request.input !== undefined) inputs.push(String(request.input));
    const hit = byArgv.get(key(request.argv));
    if (!hit) throw new Error(`unscripted command: ${request.argv.join(' ')}`);
    if (hit.missing) throw new TaskseqError('tool-missing', `${request.argv[0]} was not found on the PATH (X:\\windows\\system32)`);
    return { exitCode: hit.exitCode ?? 0, stdout: hit.stdout ?? '', stderr: hit.stderr ?? '', killed: hit.killed ?? false, durationMs: 1 };
  };
  return { run: async (r) => answer(r, ''), runSync: (r) => answer(r, 'sync:'), calls, inputs };
}

/** A fixture file's text. */
export function fixture(name: string): string {
  return readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');
}

/** What `reg query` prints for a key or value that is not there, with its exit code. */
export const REG_NOT_FOUND = { exitCode: 1, stderr: 'ERROR: The system was unable to find the specified registry key or value.\r\n' } as const;

/** The `reg query <key> /v <name> <view>` argv (`/ve` for the default value; no flag for view `''`). */
export function regValueArgv(keyPath: string, name: string, view = '/reg:64'): string[] {
  return ['reg', 'query', keyPath, ...(name === '' ? ['/ve'] : ['/v', name]), ...(view ? [view] : [])];
}
