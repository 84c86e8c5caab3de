/**
 * Release State Store: tells the state migration point that the capture into (or restore from) the store that
 * Request State Store gave (`OSDStateStoreID`, `OSDStateStoreKind`) is done, so it can mark the data ready or free it.
 */
import type { StepModule, StepResult } from '../../engine/step-api.ts';
import { EXIT_INVALID_PARAMETER } from '../../engine/step-api.ts';
import type { StepContext } from '../../engine/step-api.ts';
import { releaseStateStoreManifest, RELEASE_STATE_STORE_TYPE } from './manifest.ts';

export { RELEASE_STATE_STORE_TYPE } from './manifest.ts';

async function run(ctx: StepContext): Promise<StepResult> {
  const id = ctx.vars.get('OSDStateStoreID')?.trim();
  if (!id) return { exitCode: EXIT_INVALID_PARAMETER, message: 'OSDStateStoreID is empty: Release State Store needs a store from Request State Store' };
  const kind = ctx.vars.get('OSDStateStoreKind')?.trim().toLowerCase() === 'restore' ? 'restore' : 'capture';
  await ctx.ports.userState.releaseStore(id, kind);
  ctx.log.info(`Released state store ${id}`);
  return { exitCode: 0 };
}

/** Release State Store (`SMS_TaskSequence_ReleaseStateStoreAction`). */
export const releaseStateStoreStep: StepModule = {
  id: 'release-state-store',
  component: 'OSDSMPClient',
  manifest: releaseStateStoreManifest,
  runIn: 'both',
  rerunnable: true,
  ports: ['userState'],
  run,
};
