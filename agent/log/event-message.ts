/** Human-readable text for structured run events: the CMTrace line and the short console line. */
import type { RunEvent } from '../../engine/index.ts';
import { MASK } from '../../variables/index.ts';
import type { CmtraceType } from './cmtrace-format.ts';

/** Component that event lines are logged under. */
export const EVENT_COMPONENT = 'TSManager';

/**
 * Renders the smsts.log message and CMTrace type of an event. Values are printed as given (the caller redacts),
 * except that a secret variable's value is always shown as the mask.
 */
export function renderEventMessage(e: RunEvent): { message: string; type: CmtraceType } {
  switch (e.kind) {
    case 'run-start':
      return {
        message: `${e.resumed ? 'Resuming' : 'Starting'} task sequence "${e.sequence}" (package ${e.packageId || 'none'}). ` +
          `Running in ${e.inWinPE ? 'WinPE' : 'the full OS'}`,
        type: 1,
      };
    case 'step-start':
      return {
        message: `Start executing an instruction. Instruction name: ${e.name}. Instruction pointer: ${e.index}` +
          (e.attempt > 1 ? `. Attempt: ${e.attempt}` : ''),
        type: 1,
      };
    case 'step-skip':
      return {
        message: e.outcome === 'disabled'
          ? `The action (${e.name}) has been skipped because it is disabled`
          : `The action (${e.name}) has been skipped because the condition is evaluated to be false: ${e.reason}`,
        type: 1,
      };
    case 'step-result':
      return e.outcome === 'succeeded'
        ? { message: `Successfully completed the action (${e.name}) with the exit win32 code ${e.exitCode}`, type: 1 }
        : { message: `Failed to run the action: ${e.name}. Exit code ${e.exitCode}${e.reason ? `: ${e.reason}` : ''}`, type: 3 };
    case 'variable':
      return { message: renderVariable(e.name, e.value, e.secret), type: 1 };
    case 'reboot':
      return { message: `Restarting to ${e.target} after step ${e.afterStep}`, type: 1 };
    case 'run-end':
      return {
        message: `Task sequence ${e.status === 'succeeded' ? 'completed successfully' : 'failed'} with exit code ${e.exitCode}`,
        type: e.status === 'succeeded' ? 1 : 3,
      };
  }
}

function renderVariable(name: string, value: string | null, secret: boolean): string {
  if (value === null) return `Removed variable ${name}`;
  return `Set variable ${name}=${secret ? MASK : value}`;
}

/** The short console line for a step start, skip or result (no CMTrace markup); undefined for other events. */
export function renderConsoleLine(e: RunEvent): string | undefined {
  switch (e.kind) {
    case 'step-start':
      return `[${e.index}] ${e.name}: started${e.attempt > 1 ? ` (attempt ${e.attempt})` : ''}`;
    case 'step-skip':
      return `[${e.index}] ${e.name}: ${e.outcome === 'disabled' ? 'skipped (disabled)' : `skipped (condition false: ${e.reason})`}`;
    case 'step-result':
      return e.outcome === 'succeeded'
        ? `[${e.index}] ${e.name}: succeeded (exit code ${e.exitCode})`
        : `[${e.index}] ${e.name}: FAILED (exit code ${e.exitCode})${e.reason ? `: ${e.reason}` : ''}`;
    default:
      return undefined;
  }
}

/** Copy of the event for the JSON log: a secret variable's value is replaced by the mask. */
export function maskEvent(e: RunEvent): RunEvent {
  return e.kind === 'variable' && e.secret && e.value !== null ? { ...e, value: MASK } : e;
}
