/**
 * Setup Windows and ConfigMgr: in Windows PE, completes the applied Windows' answer file (`%VAR%` substituted),
 * stages the ConfigMgr client with its install properties, installs the resume hook and restarts into the new
 * Windows; Windows Setup then applies the answer file and the sequence resumes in the full OS. Everything that would
 * stop the sequence from resuming is refused before anything changes.
 */
import type { StepContext, StepModule, StepResult, WindowsInstallation } from '../../engine/step-api.ts';
import { EXIT_INVALID_PARAMETER, EXIT_NOT_SUPPORTED, resumeProblem } from '../../engine/step-api.ts';
import { optionValues, readOption, readOptionExpansion, parseFlag } from '../shared/option-value.ts';
import { completeAnswerFile } from './answer-file.ts';
import { setupWindowsManifest, SETUP_WINDOWS_TYPE } from './manifest.ts';

export { SETUP_WINDOWS_TYPE } from './manifest.ts';
export { substituteVariables, NUMERIC_ONLY_FIELDS } from './substitute-variables.ts';

const fail = (exitCode: number, message: string): StepResult => ({ exitCode, message });

function target(ctx: StepContext): WindowsInstallation | StepResult {
  const drive = ctx.vars.get('OSDTargetSystemDrive')?.trim() || ctx.environment.detectedWindows?.drive;
  if (!drive) return fail(EXIT_INVALID_PARAMETER, 'no applied Windows to set up: OSDTargetSystemDrive is not set (Apply Operating System Image sets it) and no volume holds Windows');
  const windows = ctx.ports.windows.describe(drive);
  if (!windows) return fail(EXIT_INVALID_PARAMETER, `${drive} (OSDTargetSystemDrive) holds no Windows installation`);
  return windows;
}

function stageClient(ctx: StepContext, windows: WindowsInstallation): void {
  const usePreProd = parseFlag(readOption(ctx, 'UsePreProdClient'));
  const packageId = (usePreProd ? readOption(ctx, 'PreProdPackageID') : undefined) ?? readOption(ctx, 'ClientPackageID', '_SMSClientPackageID');
  const properties = readOptionExpansion(ctx, 'ClientInstallProperties', 'SMSClientInstallProperties');
  if (properties?.secret) ctx.log.warn('SMSClientInstallProperties holds a secret; it is passed to the client installation but not recorded');
  ctx.ports.windows.stageClient({ drive: windows.drive, ...(packageId ? { packageId } : {}), installProperties: properties && !properties.secret ? properties.text : '' });
  const shown = properties && !properties.secret ? properties.text : properties ? '********' : '(none)';
  ctx.log.info(packageId
    ? `Staged the ConfigMgr client from package ${packageId}${usePreProd ? ' (pre-production)' : ''}; install properties: ${shown}`
    : `No client package given; the client installs with properties ${shown}`);
}

async function run(ctx: StepContext): Promise<StepResult> {
  if (!ctx.environment.inWinPE) return fail(EXIT_NOT_SUPPORTED, 'Setup Windows and ConfigMgr starts only in Windows PE, after Apply Operating System Image');
  const windows = target(ctx);
  if ('exitCode' in windows) return windows;
  ctx.log.info(`Setting up ${windows.caption} ${windows.version} on ${windows.drive}${windows.generalized ? '' : ' (not generalized: Windows Setup will not run its specialize pass)'}`);
  const blocked = resumeProblem(windows);
  if (blocked) return fail(EXIT_NOT_SUPPORTED, blocked);
  const written = completeAnswerFile(ctx, windows);
  if (written) return written;
  stageClient(ctx, windows);
  ctx.ports.windows.installResumeHook(windows.drive);
  ctx.log.info(`Installed the resume hook; restarting into ${windows.drive}\\Windows for Windows Setup`);
  ctx.requestReboot({ target: 'HD' });
  return { exitCode: 0 };
}

/** Setup Windows and ConfigMgr (`SMS_TaskSequence_SetupWindowsAndSMSAction`). */
export const setupWindowsStep: StepModule = {
  id: 'setup-windows-and-configmgr',
  component: 'OSDSetupWindows',
  manifest: setupWindowsManifest,
  runIn: 'WinPE',
  // Substituting again finds no tokens and staging the client again is the same staging: a rerun changes nothing.
  rerunnable: true,
  continueOnError: 'ignored',
  ports: ['volumes', 'windows'],
  // ClientPackageID is a package option of the manifest; the pre-production package counts only when chosen.
  // Windows Setup finishes in the installed Windows: the step always ends in a restart into it.
  machineCalls: () => [{ kind: 'restart', target: 'HD' }],
  packages: (view) => (view.options.UsePreProdClient?.toLowerCase() === 'true' ? optionValues(view, ['PreProdPackageID']) : []),
  run,
};
