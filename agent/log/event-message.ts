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
    case 'step-progress':
      return { message: `Progress of the action (${e.name}): ${renderProgress(e)}`, type: 1 };
    case 'step-result':
      return e.outcome === 'succeeded'
        ? { message: `Successfully completed the action (${e.name}) with the exit win32 code ${e.exitCode}`, type: 1 }
        : { message: `Failed to run the action: ${e.name}. Exit code ${e.exitCode}${e.reason ? `: ${e.reason}` : ''}`, type: 3 };
    case 'variable':
      return { message: renderVariable(e.name, e.value, e.secret), type: 1 };
    case 'reboot':
      return { message: `Restarting to ${e.target} after step ${e.afterStep}`, type: 1 };
    case 'run-end':
      return { message: `Task sequence completed ${renderHexCode(e.exitCode)}`, type: e.status === 'succeeded' ? 1 : 3 };
  }
}

// Setting a variable to the empty string is how ConfigMgr deletes one, so a deletion is the same line with no value.
function renderVariable(name: string, value: string | null, secret: boolean): string {
  return `Set a global environment variable ${name}=${value === null ? '' : secret ? MASK : value}`;
}

/**
 * Renders an exit code the way ConfigMgr prints HRESULTs: `0x` and 8 upper-case hex digits of the unsigned 32-bit
 * value (`0` -> `0x00000000`, `-2147467259` and `2147500037` -> `0x80004005`).
 */
export function renderHexCode(code: number): string {
  return `0x${(code >>> 0).toString(16).toUpperCase().padStart(8, '0')}`;
}

const KiB = 1024;
const MiB = 1024 ** 2;
const GiB = 1024 ** 3;

/** `1.0 GiB`, `412 MiB`, `12 KiB`, `965 bytes`: coarse enough to read at a glance while it changes. */
function renderSize(bytes: number): string {
  if (bytes >= GiB) return `${(bytes / GiB).toFixed(1)} GiB`;
  if (bytes >= MiB) return `${Math.floor(bytes / MiB)} MiB`;
  return bytes >= KiB ? `${Math.floor(bytes / KiB)} KiB` : `${bytes} bytes`;
}

/** `Applying image 1: 40% (412 MiB of 1.0 GiB)`; without a total only the bytes done, without those no bytes. */
function renderProgress(e: Extract<RunEvent, { kind: 'step-progress' }>): string {
  if (e.bytesDone === undefined) return `${e.activity}: ${e.percent}%`;
  const of = e.bytesTotal !== undefined ? ` of ${renderSize(e.bytesTotal)}` : '';
  return `${e.activity}: ${e.percent}% (${renderSize(e.bytesDone)}${of})`;
}

/**
 * The short console line for a step start, skip, result or progress (no CMTrace markup; progress indented under its
 * step); undefined for other events.
 */
export function renderConsoleLine(e: RunEvent): string | undefined {
  switch (e.kind) {
    case 'step-start':
      return `[${e.index}] ${e.name}: started${e.attempt > 1 ? ` (attempt ${e.attempt})` : ''}`;
    case 'step-skip':
      return `[${e.index}] ${e.name}: ${e.outcome === 'disabled' ? 'skipped (disabled)' : `skipped (condition false: ${e.reason})`}`;
    case 'step-progress':
      return `  ${renderProgress(e)}`;
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
