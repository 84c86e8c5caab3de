/**
 * Request State Store: asks the state migration point for a store to capture into or restore from, retrying
 * `OSDStateSMPRetryCount` times `OSDStateSMPRetryTime` seconds apart and, with `OSDStateFallbackToNAA`, with the
 * network access account when the computer account is refused. Sets `OSDStateStorePath`, `OSDStateStoreID` and
 * `OSDStateStoreKind` (for Release State Store) and the store's key in the secret `OSDMigrateEncryptionKey`.
 */
import type { StepContext, StepModule, StepResult } from '../../engine/step-api.ts';
import { EXIT_INVALID_PARAMETER } from '../../engine/step-api.ts';
import { parseFlag, readOption } from '../shared/option-value.ts';
import { setStepVariable } from '../shared/set-step-variable.ts';
import { requestStateStoreManifest, REQUEST_STATE_STORE_TYPE } from './manifest.ts';

export { REQUEST_STATE_STORE_TYPE } from './manifest.ts';
export const STORE_ID_VARIABLE = 'OSDStateStoreID';

function number(ctx: StepContext, property: string, variable: string, fallback: number): number | string {
  const text = readOption(ctx, property, variable)?.trim();
  if (text === undefined) return fallback;
  return /^\d+$/.test(text) && Number(text) <= 600 ? Number(text) : `${variable} is "${text}", not a number from 0 to 600`;
}

function kindOf(ctx: StepContext): 'capture' | 'restore' | undefined {
  const type = readOption(ctx, 'RequestType', 'OSDStateRequestType')?.trim().toLowerCase();
  if (type === 'capture' || type === 'restore') return type;
  const action = ctx.step.action ?? '';
  return /\/restore\b/i.test(action) ? 'restore' : /\/capture\b/i.test(action) ? 'capture' : undefined;
}

async function run(ctx: StepContext): Promise<StepResult> {
  const kind = kindOf(ctx);
  if (!kind) return { exitCode: EXIT_INVALID_PARAMETER, message: 'OSDStateRequestType is neither capture nor restore' };
  const retryCount = number(ctx, 'SMPRetryCount', 'OSDStateSMPRetryCount', 3);
  const retrySeconds = number(ctx, 'SMPRetryTime', 'OSDStateSMPRetryTime', 10);
  if (typeof retryCount === 'string') return { exitCode: EXIT_INVALID_PARAMETER, message: retryCount };
  if (typeof retrySeconds === 'string') return { exitCode: EXIT_INVALID_PARAMETER, message: retrySeconds };
  const computerName = ctx.vars.get('_SMSTSMachineName') ?? ctx.environment.machineName;
  const store = await ctx.ports.userState.requestStore({
    kind, computerName, macAddresses: [...ctx.facts.macAddresses], retryCount, retrySeconds,
    fallbackToNetworkAccessAccount: parseFlag(readOption(ctx, 'FallbackToNAA', 'OSDStateFallbackToNAA')),
  });
  for (const [name, value, secret] of [['OSDStateStorePath', store.path, false], [STORE_ID_VARIABLE, store.id, false], ['OSDStateStoreKind', kind, false], ['OSDMigrateEncryptionKey', store.encryptionKey, true]] as const) {
    const failed = setStepVariable(ctx.vars, name, value, { secret });
    if (failed) return failed;
  }
  ctx.log.info(`The state migration point gave ${kind} store ${store.id} at ${store.path}`);
  return { exitCode: 0 };
}

/** Request State Store (`SMS_TaskSequence_RequestStateStoreAction`). */
export const requestStateStoreStep: StepModule = {
  id: 'request-state-store',
  component: 'OSDSMPClient',
  manifest: requestStateStoreManifest,
  runIn: 'both',
  // A repeated request for the same computer gets the same store from the point.
  rerunnable: true,
  ports: ['userState'],
  run,
};
