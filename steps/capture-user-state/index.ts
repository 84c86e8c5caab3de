/**
 * Capture User State: runs ScanState against the state store (`OSDStateStorePath`): in the full OS, or offline from
 * Windows PE against the Windows on the disk. Compressed stores are always encrypted; the key is kept in the secret
 * variable `OSDMigrateEncryptionKey` for Restore User State. Hard-link stores stay on the captured volume, unencrypted.
 */
import type { CaptureUserStateRequest, StepContext, StepModule, StepResult } from '../../engine/step-api.ts';
import { EXIT_NOT_SUPPORTED } from '../../engine/step-api.ts';
import { parseFlag, readOption } from '../shared/option-value.ts';
import { setStepVariable } from '../shared/set-step-variable.ts';
import { readUsmtBase, usmtFailure } from '../shared/usmt-options.ts';
import { captureUserStateManifest, CAPTURE_USER_STATE_TYPE } from './manifest.ts';

export { CAPTURE_USER_STATE_TYPE } from './manifest.ts';
export const ENCRYPTION_KEY_VARIABLE = 'OSDMigrateEncryptionKey';

function readRequest(ctx: StepContext): CaptureUserStateRequest | StepResult {
  const base = readUsmtBase(ctx, 'UsmtPackageID', '_OSDMigrateUsmtPackageID', 'ScanState.log');
  if ('exitCode' in base) return base;
  const offline = parseFlag(readOption(ctx, 'OfflineUserState', '_OSDMigrateOfflineUserState'));
  if (ctx.environment.inWinPE && !offline) return { exitCode: EXIT_NOT_SUPPORTED, message: 'Capture User State in Windows PE needs offline capture (OfflineUserState); otherwise run it in the installed Windows' };
  if (!ctx.environment.inWinPE && offline) return { exitCode: EXIT_NOT_SUPPORTED, message: 'offline capture (OfflineUserState) runs only in Windows PE' };
  const winDir = ctx.environment.detectedWindows?.winDir;
  if (offline && !winDir) return { exitCode: EXIT_NOT_SUPPORTED, message: 'offline capture found no Windows on the disks to capture from' };
  const key = ctx.vars.get(ENCRYPTION_KEY_VARIABLE);
  const additional = readOption(ctx, 'AdditionalCaptureOptions', 'OSDMigrateAdditionalCaptureOptions');
  return {
    ...base,
    continueOnLockedFiles: readOption(ctx, 'ContinueOnLockedFiles', 'OSDMigrateContinueOnLockedFiles')?.trim().toLowerCase() !== 'false',
    skipEncryptedFiles: parseFlag(readOption(ctx, 'SkipEncryptedFiles', 'OSDMigrateSkipEncryptedFiles')),
    hardLink: parseFlag(readOption(ctx, 'UseHardlinks', '_OSDMigrateUseHardlinks')),
    ...(offline && winDir ? { offlineWindowsDirectory: winDir } : {}),
    ...(key ? { encryptionKey: key } : {}),
    ...(additional ? { additionalOptions: additional } : {}),
  };
}

async function run(ctx: StepContext): Promise<StepResult> {
  const request = readRequest(ctx);
  if ('exitCode' in request) return request;
  if (readOption(ctx, 'FileAccess', 'OSDMigrateFileAccess')?.toUpperCase() === 'VSS') ctx.log.info('file access VSS: ScanState reads locked files through a volume shadow copy');
  ctx.log.info(`Capturing user state to ${request.storePath} (${request.mode}${request.hardLink ? ', hard links' : ', compressed and encrypted'}${request.offlineWindowsDirectory ? `, offline from ${request.offlineWindowsDirectory}` : ''})`);
  let result;
  try {
    result = await ctx.ports.userState.capture(request);
  } catch (e) {
    return usmtFailure(e);
  }
  if (result.encryptionKey) {
    const failed = setStepVariable(ctx.vars, ENCRYPTION_KEY_VARIABLE, result.encryptionKey, { secret: true });
    if (failed) return failed;
  }
  // Restore User State needs to know the store is a hard-link one.
  ctx.vars.setBuiltIn('_OSDMigrateUseHardlinks', request.hardLink ? 'true' : 'false');
  ctx.log.info(`Captured ${result.users.length} user(s) (${result.users.join(', ') || 'none'}), ${result.files} file(s); log ${request.logFile}`);
  return { exitCode: 0 };
}

const PROPERTIES = ['UsmtPackageID', 'Mode', 'ConfigFiles', 'ContinueOnLockedFiles', 'SkipEncryptedFiles', 'EnableVerboseLogging',
  'AdditionalCaptureOptions', 'FileAccess', 'UseHardlinks', 'OfflineUserState'];

/** Capture User State (`SMS_TaskSequence_CaptureUserStateAction`). */
export const captureUserStateStep: StepModule = {
  id: 'capture-user-state',
  component: 'OSDUSMT',
  manifest: captureUserStateManifest,
  runIn: 'both',
  // ScanState overwrites its store (/o): capturing again gives the same store.
  rerunnable: true,
  ports: ['userState', 'content'],
  machineCalls: () => [{ kind: 'user-state', operation: 'capture' }],
  run,
};
