/** The one place that picks the process runner for the platform the agent runs on. */
import type { RunProcess } from './process-types.ts';
import { createProcessRunner } from './run-process.ts';
import { createWindowsProcessRunner } from './windows/windows-process-runner.ts';

/** What either runner takes. */
export interface LocalRunnerOptions {
  /** Receives each command line before it starts, with the request's secrets masked. */
  log?: (commandLine: string) => void;
}

/** The Windows runner on Windows (`process.platform === 'win32'`), the POSIX runner everywhere else. */
export function createLocalProcessRunner(options: LocalRunnerOptions = {}, platform: string = process.platform): RunProcess {
  return platform === 'win32' ? createWindowsProcessRunner(options) : createProcessRunner(options);
}
