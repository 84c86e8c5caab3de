/** Carrying out the planner's actions for one imaging call through the process runner. */
import { TaskseqError } from '../../../../engine/index.ts';
import { formatCommandLine } from '../../process/command-line.ts';
import type { ProcessResult, RunProcess } from '../../process/process-types.ts';
import type { PlannedAction } from '../../plan/command-plan.ts';
import { parseWimlibFailure, parseWimlibProgress, type WimlibProgress } from '../../../renderers/linux/wimlib-output.ts';

/** Called with each progress reading wimlib prints (e.g. the integrity check, when asked for, then the extraction). */
export type ImagingProgress = (progress: WimlibProgress) => void;

/**
 * Runs each command action in order, handing wimlib's progress lines to `onProgress`; a refusal throws (its reason
 * as the message) before anything runs. `what` says what failed
 * (`cannot apply image 1 (Windows 11 Pro) of /x/install.wim to C:`); the command line and exit follow in brackets.
 * @throws TaskseqError('unsupported') for a refusal, a work action (these adapters plan none), a program that exits
 *   non-zero or is stopped, naming its command line and wimlib's error lines; the runner's `tool-missing`
 */
export async function runPlanned(
  run: RunProcess, actions: readonly PlannedAction[], what: string, onProgress?: ImagingProgress,
): Promise<ProcessResult[]> {
  const onLine = onProgress && ((line: string) => {
    const progress = parseWimlibProgress(line);
    if (progress) onProgress(progress);
  });
  const refusal = actions.find((a) => a.kind === 'refused');
  if (refusal) throw new TaskseqError('unsupported', refusal.reason);
  const results: ProcessResult[] = [];
  for (const action of actions) {
    if (action.kind !== 'command') throw new TaskseqError('unsupported', `${what}: the Linux imaging adapters carry out no ${action.kind} action`);
    const result = await run({ argv: action.argv, ...(action.input !== undefined ? { input: action.input } : {}), ...(onLine ? { onLine } : {}) });
    if (result.exitCode !== 0 || result.killed) {
      const how = result.killed ? 'was stopped' : `failed with exit code ${result.exitCode}`;
      throw new TaskseqError('unsupported', `${what} (${formatCommandLine(action.argv)} ${how}): ${parseWimlibFailure(result)}`);
    }
    results.push(result);
  }
  return results;
}
