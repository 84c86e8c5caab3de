/** Restart Computer: asks the engine for a restart into the installed OS (`HD`) or the boot image (`WinPE`). */
import type { StepContext, StepModule, StepResult } from '../../engine/step-api.ts';
import { EXIT_INVALID_PARAMETER } from '../../engine/step-api.ts';
import { readOption } from '../shared/option-value.ts';
import { MAX_MESSAGE_LENGTH, parseTarget, REBOOT_TYPE, selectTarget } from './plan.ts';
import { validateRestart } from './validate.ts';
import { restartComputerManifest } from './manifest.ts';

export { parseTarget, parseActionTarget, selectTarget, REBOOT_TYPE } from './plan.ts';
export type { RebootTarget } from './plan.ts';

async function run(ctx: StepContext): Promise<StepResult> {
  const text = selectTarget(readOption(ctx, 'Target', 'SMSRebootTarget'), ctx.step.action);
  const target = parseTarget(text);
  if (!target) return { exitCode: EXIT_INVALID_PARAMETER, message: `restart target "${text}" is not HD or WinPE` };
  const message = readOption(ctx, 'Message', 'SMSRebootMessage');
  const timeout = readOption(ctx, 'MessageTimeout', 'SMSRebootTimeout');
  if (message && message.length > MAX_MESSAGE_LENGTH) ctx.log.warn(`restart notice longer than ${MAX_MESSAGE_LENGTH} characters; it is cut when shown`);
  const shown = message ? `"${message.slice(0, MAX_MESSAGE_LENGTH)}"` : 'without text';
  const notice = timeout && timeout !== '0' ? `notice ${shown} for ${timeout} s` : message ? `notice ${shown}, no timeout` : 'no notice';
  ctx.log.info(`Restart requested to ${target === 'HD' ? 'the installed OS (HD)' : 'the boot image (WinPE)'}; ${notice}`);
  ctx.requestReboot({ target });
  return { exitCode: 0 };
}

/** Restart Computer (`SMS_TaskSequence_RebootAction`). */
export const restartComputerStep: StepModule = {
  id: 'restart-computer',
  component: 'RestartComputer',
  manifest: restartComputerManifest,
  runIn: 'both',
  // The engine records a restart that happened, so running the step again never restarts twice.
  rerunnable: true,
  ports: [],
  validate: validateRestart,
  machineCalls: (view) => {
    const target = parseTarget(selectTarget(view.options.Target, view.node.action));
    return target ? [{ kind: 'restart', target, field: view.optionVariables.Target ?? 'Target' }] : [];
  },
  run,
};
