/**
 * Prepare ConfigMgr Client for Capture: in the full OS, removes the running client's identity (unique id, site
 * assignment, certificates) so the captured image does not clone it. Without a client there is nothing to do.
 */
import type { StepContext, StepModule, StepResult } from '../../engine/step-api.ts';
import { EXIT_NOT_SUPPORTED } from '../../engine/step-api.ts';
import { prepareClientManifest, PREPARE_CLIENT_TYPE } from './manifest.ts';

export { PREPARE_CLIENT_TYPE } from './manifest.ts';

async function run(ctx: StepContext): Promise<StepResult> {
  const windows = ctx.environment.inWinPE ? undefined : ctx.ports.windows.running();
  if (!windows) return { exitCode: EXIT_NOT_SUPPORTED, message: 'Prepare ConfigMgr Client for Capture runs only in the installed Windows, not in Windows PE' };
  const prepared = await ctx.ports.windows.prepareClientForCapture();
  ctx.log.info(prepared
    ? `Removed the ConfigMgr client's identity and certificates on ${windows.drive} for the capture`
    : `No ConfigMgr client is installed on ${windows.drive}; nothing to prepare`);
  return { exitCode: 0 };
}

/** Prepare ConfigMgr Client for Capture (`SMS_TaskSequence_PrepareSMSClientAction`). */
export const prepareClientStep: StepModule = {
  id: 'prepare-configmgr-client',
  component: 'OSDPrepareSMSClient',
  manifest: prepareClientManifest,
  runIn: 'FullOS',
  // Removing an identity that is already gone changes nothing.
  rerunnable: true,
  ports: ['windows'],
  run,
};
