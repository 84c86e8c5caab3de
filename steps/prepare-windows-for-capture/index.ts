/**
 * Prepare Windows for Capture: in the full OS, runs Sysprep to generalize the running Windows (the port refuses a
 * domain member before anything changes), sets `OSDTargetSystemRoot`, then restarts into Windows PE for the capture, or shuts the
 * computer down when `OSDShutdownPreparedOs` asks (the task sequence ends there).
 */
import type { StepContext, StepModule, StepResult } from '../../engine/step-api.ts';
import { EXIT_NOT_SUPPORTED } from '../../engine/step-api.ts';
import { parseFlag, readOption } from '../shared/option-value.ts';
import { setStepVariable } from '../shared/set-step-variable.ts';
import { validatePrepareWindows } from './validate.ts';
import { prepareWindowsManifest, PREPARE_OS_TYPE } from './manifest.ts';

export { PREPARE_OS_TYPE } from './manifest.ts';

const fail = (exitCode: number, message: string): StepResult => ({ exitCode, message });

async function run(ctx: StepContext): Promise<StepResult> {
  const windows = ctx.environment.inWinPE ? undefined : ctx.ports.windows.running();
  if (!windows) return fail(EXIT_NOT_SUPPORTED, 'Prepare Windows for Capture runs only in the installed Windows, not in Windows PE');
  const keepActivation = parseFlag(readOption(ctx, 'KeepActivation', 'OSDKeepActivation'));
  const buildMassStorageList = parseFlag(readOption(ctx, 'BuildStorageDriverList', 'OSDBuildStorageDriverList'));
  const shutdown = parseFlag(readOption(ctx, 'ShutdownPreparedOs', 'OSDShutdownPreparedOs'));
  if (buildMassStorageList) ctx.log.info('OSDBuildStorageDriverList is set; current Windows has no mass-storage list to build, so it has no effect');
  if (readOption(ctx, 'SysprepPackageID')) ctx.log.warn('a Sysprep package is only for Windows XP and Server 2003; it is ignored');
  await ctx.ports.windows.generalize({ keepActivation, buildMassStorageList });
  ctx.log.info(`Sysprep generalized ${windows.caption} on ${windows.drive}${keepActivation ? ' (activation kept)' : ''}`);
  const failed = setStepVariable(ctx.vars, 'OSDTargetSystemRoot', `${windows.drive}\\Windows`);
  if (failed) return failed;
  if (shutdown) {
    ctx.log.info('OSDShutdownPreparedOs is set: the computer shuts down and the task sequence ends here');
    ctx.requestShutdown();
  } else {
    ctx.log.info('Restarting into Windows PE for the capture');
    ctx.requestReboot({ target: 'WinPE' });
  }
  return { exitCode: 0 };
}

/** Prepare Windows for Capture (`SMS_TaskSequence_PrepareOSAction`). */
export const prepareWindowsStep: StepModule = {
  id: 'prepare-windows-for-capture',
  component: 'OSDPrepareOS',
  manifest: prepareWindowsManifest,
  runIn: 'FullOS',
  // Sysprep cannot run twice on a generalized Windows: an interrupted run is not repeated without retryCount.
  rerunnable: false,
  ports: ['windows'],
  validate: validatePrepareWindows,
  machineCalls: () => [{ kind: 'generalize' }],
  run,
};
