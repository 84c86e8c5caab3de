/**
 * How the probe runs its read-only tools (lsblk, losetup, sfdisk, blkid): one place that judges an exit code and turns
 * a failure or unreadable output into a `TaskseqError` naming the command.
 */
import { TaskseqError } from '../../../../engine/index.ts';
import type { ProcessResult, RunProcess } from '../../process/process-types.ts';

/** A probe tool that hangs on a dead device must not hang the run: none of them needs more than a few seconds. */
export const PROBE_TIMEOUT_MS = 30_000;

/** The first line of a tool's output that is not blank ('' when there is none). */
export function firstLine(text: string): string {
  return text.split('\n').map((l) => l.trim()).find((l) => l !== '') ?? '';
}

/**
 * Runs `argv` and returns its result when the exit code is one of `acceptedExitCodes`.
 * @throws TaskseqError `unsupported` naming the command line and the first line of its standard error (or that it
 * was killed) otherwise
 */
export async function runProbeTool(
  run: RunProcess, argv: readonly string[], acceptedExitCodes: readonly number[] = [0],
): Promise<ProcessResult> {
  const result = await run({ argv, timeoutMs: PROBE_TIMEOUT_MS });
  if (!result.killed && acceptedExitCodes.includes(result.exitCode)) return result;
  const why = result.killed
    ? `was stopped after ${PROBE_TIMEOUT_MS / 1000} s`
    : `failed with exit code ${result.exitCode}: ${firstLine(result.stderr) || 'no error output'}`;
  throw new TaskseqError('unsupported', `cannot probe the disks: ${argv.join(' ')} ${why}`);
}

/**
 * The JSON a tool printed.
 * @throws TaskseqError `unsupported` naming the command line when the output is not JSON
 */
export function parseToolJson(argv: readonly string[], stdout: string): unknown {
  try {
    return JSON.parse(stdout);
  } catch (err) {
    throw new TaskseqError('unsupported', `cannot probe the disks: ${argv.join(' ')} printed no valid JSON (${(err as Error).message})`, { cause: err });
  }
}
