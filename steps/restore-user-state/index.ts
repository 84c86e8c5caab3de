/**
 * Restore User State: runs LoadState from the state store (`OSDStateStorePath`) into the installed Windows. Domain
 * users are always restored; local accounts only with `OSDMigrateLocalAccounts` and a password
 * (`OSDMigrateLocalAccountPassword`, a secret, the same for all of them).
 */
import type { RestoreUserStateRequest, StepContext, StepModule, StepResult } from '../../engine/step-api.ts';
import { EXIT_INVALID_PARAMETER, EXIT_NOT_SUPPORTED } from '../../engine/step-api.ts';
import { parseFlag, readOption } from '../shared/option-value.ts';
import { readUsmtBase, usmtFailure } from '../shared/usmt-options.ts';
import { restoreUserStateManifest, RESTORE_USER_STATE_TYPE } from './manifest.ts';

export { RESTORE_USER_STATE_TYPE } from './manifest.ts';

function readRequest(ctx: StepContext): RestoreUserStateRequest | StepResult {
  const base = readUsmtBase(ctx, 'UsmtRestorePackageID', '_OSDMigrateUsmtRestorePackageID', 'LoadState.log');
  if ('exitCode' in base) return base;
  const localAccounts = parseFlag(readOption(ctx, 'LocalAccounts', 'OSDMigrateLocalAccounts'));
  const password = readOption(ctx, 'LocalAccountPassword', 'OSDMigrateLocalAccountPassword');
  if (localAccounts && !password) return { exitCode: EXIT_INVALID_PARAMETER, message: 'OSDMigrateLocalAccounts is true but OSDMigrateLocalAccountPassword is empty: local accounts need a password' };
  const key = ctx.vars.get('OSDMigrateEncryptionKey');
  const additional = readOption(ctx, 'AdditionalRestoreOptions', 'OSDMigrateAdditionalRestoreOptions');
  return {
    ...base,
    continueOnError: readOption(ctx, 'ContinueOnRestore', 'OSDMigrateContinueOnRestore')?.trim().toLowerCase() !== 'false',
    hardLink: parseFlag(ctx.vars.get('_OSDMigrateUseHardlinks')),
    ...(localAccounts && password ? { localAccountPassword: password } : {}),
    ...(key ? { encryptionKey: key } : {}),
    ...(additional ? { additionalOptions: additional } : {}),
  };
}

async function run(ctx: StepContext): Promise<StepResult> {
  if (ctx.environment.inWinPE) return { exitCode: EXIT_NOT_SUPPORTED, message: 'Restore User State runs only in the installed Windows, after Setup Windows and ConfigMgr' };
  const request = readRequest(ctx);
  if ('exitCode' in request) return request;
  ctx.log.info(`Restoring user state from ${request.storePath}${request.hardLink ? ' (hard links)' : ''}${request.localAccountPassword ? '; local accounts are created and enabled' : ''}`);
  let result;
  try {
    result = await ctx.ports.userState.restore(request);
  } catch (e) {
    return usmtFailure(e);
  }
  ctx.log.info(`Restored ${result.users.length} user(s) (${result.users.join(', ') || 'none'}), ${result.files} file(s); log ${request.logFile}`);
  if (result.skipped.length > 0) ctx.log.warn(`Local account(s) ${result.skipped.join(', ')} were not restored: OSDMigrateLocalAccounts is false`);
  return { exitCode: 0 };
}

const PROPERTIES = ['UsmtRestorePackageID', 'Mode', 'ConfigFiles', 'ContinueOnRestore', 'EnableVerboseLogging', 'LocalAccounts', 'LocalAccountPassword', 'AdditionalRestoreOptions'];

/** Restore User State (`SMS_TaskSequence_RestoreUserStateAction`). */
export const restoreUserStateStep: StepModule = {
  id: 'restore-user-state',
  component: 'OSDUSMT',
  manifest: restoreUserStateManifest,
  runIn: 'FullOS',
  // LoadState writes the same files and accounts again.
  rerunnable: true,
  ports: ['userState', 'content'],
  machineCalls: () => [{ kind: 'user-state', operation: 'restore' }],
  run,
};
