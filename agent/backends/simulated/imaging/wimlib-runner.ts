/** Runs `wimlib-imagex` and turns a failed run into a project error. */
import { spawnSync } from 'node:child_process';
import { TaskseqError } from '../../../../engine/index.ts';
import { parseWimlibFailure } from '../../../renderers/linux/wimlib-output.ts';

export interface WimlibResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `wimlib-imagex` with these arguments (no shell) and returns its exit code and output. */
export type WimlibRunner = (args: string[]) => WimlibResult;

/** Progress lines of a large apply add up; the default 1 MiB buffer would kill the child. */
const MAX_OUTPUT_BYTES = 256 * 1024 * 1024;

/**
 * The real `wimlib-imagex` on the PATH.
 * @throws TaskseqError('unsupported') when it is not installed
 */
export const runWimlibImagex: WimlibRunner = (args) => {
  const result = spawnSync('wimlib-imagex', args, { encoding: 'utf8', maxBuffer: MAX_OUTPUT_BYTES });
  if (result.error) {
    const missing = (result.error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new TaskseqError('unsupported', missing
      ? 'wimlib-imagex is not installed (Debian package wimtools)'
      : `wimlib-imagex ${args[0]} could not run: ${result.error.message}`, { cause: result.error });
  }
  return { code: result.status ?? 1, stdout: result.stdout, stderr: result.stderr };
};

/**
 * Runs the tool and checks its exit code.
 * @throws TaskseqError('unsupported') naming the command (`apply`, `capture`, ...), `what` and the tool's error
 */
export function runChecked(run: WimlibRunner, args: string[], what: string): WimlibResult {
  const result = run(args);
  if (result.code !== 0) {
    throw new TaskseqError('unsupported',
      `wimlib-imagex ${args[0]} failed for ${what} (exit ${result.code}): ${parseWimlibFailure(result)}`);
  }
  return result;
}
