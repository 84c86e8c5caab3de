/**
 * Apply Windows Settings: in Windows PE, writes the computer name, registration, product key, Administrator password,
 * time zone and locales into the applied Windows' answer file; Windows Setup applies them at the first boot. Nothing on
 * the running machine changes. Secrets (password, product key) go only into that file on the target volume.
 */
import type { StepContext, StepModule, StepResult } from '../../engine/step-api.ts';
import { EXIT_INVALID_PARAMETER, EXIT_NOT_SUPPORTED } from '../../engine/step-api.ts';
import { parseFlag, readOption } from '../shared/option-value.ts';
import { openTargetAnswerFile, saveTargetAnswerFile } from '../shared/target-answer-file.ts';
import { editSettings } from '../shared/unattend-edit.ts';
import { checkWindowsSettings, planWindowsSettings, type WindowsSettingsValues } from './plan.ts';
import { applyWindowsSettingsManifest, APPLY_WINDOWS_SETTINGS_TYPE } from './manifest.ts';

export { APPLY_WINDOWS_SETTINGS_TYPE } from './manifest.ts';

function readValues(ctx: StepContext): WindowsSettingsValues {
  const o = (p: string, v?: string) => readOption(ctx, p, v);
  const random = o('RandomAdminPassword', 'OSDRandomAdminPassword');
  const values: WindowsSettingsValues = {
    computerName: o('ComputerName', 'OSDComputerName'), registeredUserName: o('RegisteredUserName', 'OSDRegisteredUserName'),
    registeredOrgName: o('RegisteredOrgName', 'OSDRegisteredOrgName'), productKey: o('ProductKey', 'OSDProductKey')?.trim(),
    serverLicenseMode: o('ServerLicenseMode', 'OSDServerLicenseMode'), serverLicenseConnectionLimit: o('ServerLicenseConnectionLimit', 'OSDServerLicenseConnectionLimit'),
    // Documented default: a random password (the account stays disabled).
    randomAdminPassword: random === undefined ? true : parseFlag(random),
    adminPassword: o('AdminPassword', 'OSDLocalAdminPassword'), timeZone: o('TimeZone', 'OSDTimeZone'),
    inputLocale: o('InputLocale', 'OSDWindowsSettingsInputLocale'), systemLocale: o('SystemLocale', 'OSDWindowsSettingsSystemLocale'),
    uiLanguage: o('UILanguage', 'OSDWindowsSettingsUILanguage'), uiLanguageFallback: o('UILanguageFallback', 'OSDWindowsSettingsUILanguageFallback'),
    userLocale: o('UserLocale', 'OSDWindowsSettingsUserLocale'),
  };
  for (const k of Object.keys(values) as Array<keyof WindowsSettingsValues>) if (values[k] === undefined) delete values[k];
  return values;
}

async function run(ctx: StepContext): Promise<StepResult> {
  if (!ctx.environment.inWinPE) return { exitCode: EXIT_NOT_SUPPORTED, message: 'Apply Windows Settings runs in Windows PE, before Setup Windows and ConfigMgr' };
  const values = readValues(ctx);
  const problem = checkWindowsSettings(values);
  if (problem) return { exitCode: EXIT_INVALID_PARAMETER, message: problem };
  const file = openTargetAnswerFile(ctx);
  if ('exitCode' in file) return file;
  editSettings(file.tree, file.architecture, planWindowsSettings(values));
  const failed = saveTargetAnswerFile(ctx, file);
  if (failed) return failed;
  if (values.serverLicenseMode) ctx.log.info(`Server licensing ${values.serverLicenseMode}${values.serverLicenseConnectionLimit ? ` (${values.serverLicenseConnectionLimit} connections)` : ''} recorded; current Windows Server editions take no licensing mode from the answer file`);
  ctx.log.info(`Wrote Windows settings to ${file.drive}\\Windows\\Panther\\unattend.xml: computer name ${values.computerName ?? '(unchanged)'}, time zone ${values.timeZone ?? '(unchanged)'}, Administrator ${values.randomAdminPassword ? 'random password (account disabled)' : 'password set (account enabled)'}${values.productKey ? ', product key set' : ''}`);
  return { exitCode: 0 };
}

const PROPERTIES = ['ComputerName', 'RegisteredUserName', 'RegisteredOrgName', 'ProductKey', 'ServerLicenseMode', 'ServerLicenseConnectionLimit',
  'RandomAdminPassword', 'AdminPassword', 'TimeZone', 'InputLocale', 'SystemLocale', 'UILanguage', 'UILanguageFallback', 'UserLocale'];

/** Apply Windows Settings (`SMS_TaskSequence_ApplyWindowsSettingsAction`). */
export const applyWindowsSettingsStep: StepModule = {
  id: 'apply-windows-settings',
  component: 'OSDWinSettings',
  manifest: applyWindowsSettingsManifest,
  runIn: 'WinPE',
  // Writing the same values into the answer file again gives the same file.
  rerunnable: true,
  ports: ['volumes', 'windows'],
  run,
};
