/**
 * Runs a planner's actions (agent/backends/plan/command-plan.ts) through the process runner, so a live run executes
 * exactly what `taskseq plan` shows. Commands run in order and the first that fails stops the rest; work actions are
 * the caller's (it does them in its own code); a refusal refuses the whole call before anything runs.
 */
import { TaskseqError } from '../../../../engine/index.ts';
import { formatCommandLine } from '../../process/command-line.ts';
import type { ProcessResult, RunProcess } from '../../process/process-types.ts';
import type { PlannedAction, PlannedCommand, PlannedWork } from '../../plan/command-plan.ts';

/** How many lines of a failing tool's output a message carries: enough for its reason, not its whole log. */
const ERROR_LINES = 3;

/** The first few lines of a tool's output that are not blank, joined with ` / `. */
export function firstLines(text: string, count = ERROR_LINES): string {
  return text.split(/\r?\n|\r/).map((l) => l.trim()).filter((l) => l !== '').slice(0, count).join(' / ');
}

/** Why a finished program counts as failed, or undefined when it succeeded. */
function failureOf(result: ProcessResult): string | undefined {
  if (result.killed) return `was stopped (exit code ${result.exitCode})`;
  if (result.exitCode === 0) return undefined;
  const said = firstLines(result.stderr) || firstLines(result.stdout) || 'no error output';
  return `failed with exit code ${result.exitCode}: ${said}`;
}

/**
 * Runs one planned command (its `input` on standard input).
 * @throws TaskseqError('unsupported') naming the command line and the first lines of its standard error when it
 * exits non-zero or is stopped
 */
export async function executeCommand(run: RunProcess, action: PlannedCommand, secrets: readonly string[] = []): Promise<ProcessResult> {
  const result = await run({ argv: action.argv, ...(action.input !== undefined ? { input: action.input } : {}), secrets });
  const failure = failureOf(result);
  if (failure) throw new TaskseqError('unsupported', `${formatCommandLine(action.argv, secrets)} ${failure}`);
  return result;
}

/** Options of {@link executeActions}. */
export interface ExecuteOptions {
  /** Does a work action in the caller's own code; without it a work action is a programming error. */
  work?: (action: PlannedWork) => Promise<void>;
  /** Runs after each command succeeded (e.g. flush caches between phases). */
  afterCommand?: (action: PlannedCommand, result: ProcessResult) => Promise<void>;
  /** Values masked in messages. */
  secrets?: readonly string[];
}

/**
 * Executes the actions in order.
 * @throws TaskseqError('unsupported') with the reason of the first refusal (nothing runs then), or for the first
 * command that fails (the ones after it do not run)
 */
export async function executeActions(run: RunProcess, actions: readonly PlannedAction[], options: ExecuteOptions = {}): Promise<void> {
  const refusal = actions.find((a) => a.kind === 'refused');
  if (refusal) throw new TaskseqError('unsupported', refusal.reason);
  for (const action of actions) {
    if (action.kind === 'command') {
      const result = await executeCommand(run, action, options.secrets);
      await options.afterCommand?.(action, result);
    } else if (action.kind === 'work') {
      if (!options.work) throw new Error(`work the caller must do was handed to the command executor: ${action.description}`);
      await options.work(action);
    }
  }
}
