/** One judgement of a boot-file command's end, so every failure message reads the same. */
import { TaskseqError } from '../../../../engine/index.ts';
import { formatCommandLine } from '../../process/command-line.ts';
import type { ProcessResult } from '../../process/process-types.ts';
import { firstLine } from '../probe/probe-tool.ts';

/**
 * Returns when the program exited 0.
 * @throws TaskseqError('unsupported') `<what>: <command line> failed with exit code N: <first line of stderr>` (or
 *   `was stopped`) otherwise
 */
export function requireSuccess(result: ProcessResult, argv: readonly string[], what: string): void {
  if (!result.killed && result.exitCode === 0) return;
  const why = result.killed ? 'was stopped' : `failed with exit code ${result.exitCode}: ${firstLine(result.stderr) || 'no error output'}`;
  throw new TaskseqError('unsupported', `${what}: ${formatCommandLine(argv)} ${why}`);
}
