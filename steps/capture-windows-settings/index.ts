/**
 * Capture Windows Settings: records the current Windows' computer name, registered user and organisation and time
 * zone into `OSDComputerName`, `OSDRegisteredUserName`, `OSDRegisteredOrgName` and `OSDTimeZone`, each switchable,
 * so Apply Windows Settings writes them into the new Windows. In Windows PE it reads the installation on the disk.
 */
import type { StepContext, StepModule, StepResult, WindowsInstallation } from '../../engine/step-api.ts';
import { EXIT_NOT_SUPPORTED } from '../../engine/step-api.ts';
import { readOption } from '../shared/option-value.ts';
import { setStepVariable } from '../shared/set-step-variable.ts';
import { captureWindowsSettingsManifest, CAPTURE_WINDOWS_SETTINGS_TYPE } from './manifest.ts';

export { CAPTURE_WINDOWS_SETTINGS_TYPE } from './manifest.ts';

/** Documented default for each switch: true. */
const enabled = (value: string | undefined) => value === undefined || value.trim().toLowerCase() !== 'false';

function source(ctx: StepContext): WindowsInstallation | undefined {
  if (!ctx.environment.inWinPE) return ctx.ports.windows.running();
  const drive = ctx.environment.detectedWindows?.drive;
  return drive ? ctx.ports.windows.describe(drive) : undefined;
}

async function run(ctx: StepContext): Promise<StepResult> {
  const windows = source(ctx);
  if (!windows) return { exitCode: EXIT_NOT_SUPPORTED, message: 'there is no Windows to capture settings from (Windows PE found no installation on the disks)' };
  const values: Array<[string, string | undefined]> = [];
  if (enabled(readOption(ctx, 'MigrateComputerName', 'OSDMigrateComputerName'))) values.push(['OSDComputerName', windows.computerName]);
  if (enabled(readOption(ctx, 'MigrateRegistrationInfo', 'OSDMigrateRegistrationInfo'))) {
    values.push(['OSDRegisteredUserName', windows.registeredOwner], ['OSDRegisteredOrgName', windows.registeredOrganization]);
  }
  if (enabled(readOption(ctx, 'MigrateTimeZone', 'OSDMigrateTimeZone'))) values.push(['OSDTimeZone', windows.timeZone]);
  const captured: string[] = [];
  for (const [name, value] of values) {
    if (value === undefined || value === '') continue;
    const failed = setStepVariable(ctx.vars, name, value);
    if (failed) return failed;
    captured.push(`${name}=${value}`);
  }
  ctx.log.info(`Captured Windows settings of ${windows.drive}: ${captured.join(', ') || 'nothing (all switched off or empty)'}`);
  return { exitCode: 0 };
}

/** Capture Windows Settings (`SMS_TaskSequence_CaptureWindowsSettingsAction`). */
export const captureWindowsSettingsStep: StepModule = {
  id: 'capture-windows-settings',
  component: 'OSDWinSettings',
  manifest: captureWindowsSettingsManifest,
  runIn: 'both',
  rerunnable: true,
  ports: ['windows'],
  run,
};
