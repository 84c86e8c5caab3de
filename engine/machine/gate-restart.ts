/**
 * Asks the machine (its restart gate, restart-gate.ts) whether a restart a step requested can happen, before the
 * engine records it. A refused restart is the requesting step's failure (as any other failure of the step), never a
 * restart that is reported and counted.
 */
import type { Instruction } from '../program/index.ts';
import { isSuccessCode } from '../program/index.ts';
import type { StepResult } from '../step-module.ts';
import { EXIT_FAILED } from '../step-exit-codes.ts';
import { afterResult } from './transitions.ts';
import { logLine, type EngineDeps } from './engine-deps.ts';
import { rebootTarget } from './reboot-target.ts';

/** A step's result after the gate: `refused` makes the engine judge it failed whatever its success codes say. */
export interface GatedResult {
  result: StepResult;
  refused: boolean;
}

/**
 * Checks the restart the step left in `SMSTSRebootRequested`, when the run would go on to perform it. A refusal
 * clears the request (nothing will restart), logs the firmware's reason as an error and turns the result into a
 * failure carrying that reason: E_FAIL for a step that had succeeded, its own exit code for one that had failed.
 */
export function gateRestart(deps: EngineDeps, instr: Instruction, result: StepResult, shutdownRequested: boolean): GatedResult {
  const requested = deps.vars.get('SMSTSRebootRequested');
  if (!deps.restart || !requested) return { result, refused: false };
  const succeeded = isSuccessCode(result.exitCode, instr.successCodes);
  if (!restartWouldFollow(deps, instr, succeeded, shutdownRequested)) return { result, refused: false };
  const target = rebootTarget(requested);
  const why = deps.restart.refusal(target, (n) => deps.vars.get(n));
  if (why === undefined) return { result, refused: false };
  deps.vars.set('SMSTSRebootRequested', '', { writer: 'engine' });
  deps.vars.set('SMSTSRetryRequested', '', { writer: 'engine' });
  logLine(deps, 'error', `The restart to ${target} that the action (${instr.name}) requested was refused: ${why}`);
  const message = `the restart to ${target} was refused: ${why}`;
  return {
    result: succeeded
      ? { ...result, exitCode: EXIT_FAILED, message }
      : { ...result, message: result.message ? `${result.message}; ${message}` : message },
    refused: true,
  };
}

/**
 * The restart is carried out unless the step's result ends the sequence or a shutdown the step asked for wins:
 * only then is the machine's answer worth asking (decide-settle.ts decides the same way afterwards).
 */
function restartWouldFollow(deps: EngineDeps, instr: Instruction, succeeded: boolean, shutdownRequested: boolean): boolean {
  if (succeeded && shutdownRequested) return false;
  const ignoreCoe = deps.view.traits[instr.index]?.continueOnErrorIgnored === true;
  return afterResult(deps.program, instr.index, succeeded, ignoreCoe).kind !== 'sequence-failed';
}
