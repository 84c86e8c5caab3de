/**
 * Apply Windows Settings as answer-file edits (pure): which element of which pass each value goes to, and the
 * checks the values must pass first (product key format, licensing mode and limit, the administrator password).
 */
import type { SettingEdit } from '../shared/unattend-edit.ts';

const SHELL = 'Microsoft-Windows-Shell-Setup';
const INTERNATIONAL = 'Microsoft-Windows-International-Core';

export interface WindowsSettingsValues {
  computerName?: string;
  registeredUserName?: string;
  registeredOrgName?: string;
  productKey?: string;
  serverLicenseMode?: string;
  serverLicenseConnectionLimit?: string;
  randomAdminPassword: boolean;
  adminPassword?: string;
  timeZone?: string;
  inputLocale?: string;
  systemLocale?: string;
  uiLanguage?: string;
  uiLanguageFallback?: string;
  userLocale?: string;
}

export const PRODUCT_KEY_PATTERN = /^[A-Z0-9]{5}(-[A-Z0-9]{5}){4}$/i;

/** Why the values cannot go into an answer file (product keys and passwords are never quoted), or undefined. */
export function checkWindowsSettings(v: WindowsSettingsValues): string | undefined {
  if (v.productKey !== undefined && !PRODUCT_KEY_PATTERN.test(v.productKey)) {
    return 'the product key (OSDProductKey) is not in the form XXXXX-XXXXX-XXXXX-XXXXX-XXXXX';
  }
  if (v.serverLicenseMode !== undefined && !/^(PerSeat|PerServer)$/i.test(v.serverLicenseMode)) {
    return `OSDServerLicenseMode is "${v.serverLicenseMode}", not PerSeat or PerServer`;
  }
  const limit = v.serverLicenseConnectionLimit;
  if (limit !== undefined && (!/^\d+$/.test(limit) || Number(limit) < 5 || Number(limit) > 9999)) {
    return `OSDServerLicenseConnectionLimit is "${limit}", not a number from 5 to 9999`;
  }
  if (!v.randomAdminPassword && !v.adminPassword) {
    return 'OSDRandomAdminPassword is false but OSDLocalAdminPassword is empty: give the local Administrator password or use a random one';
  }
  if (v.adminPassword !== undefined && v.adminPassword.length > 255) return 'OSDLocalAdminPassword is longer than 255 characters';
  for (const [name, value] of [['OSDRegisteredUserName', v.registeredUserName], ['OSDRegisteredOrgName', v.registeredOrgName]] as const) {
    if (value !== undefined && value.length > 255) return `${name} is longer than 255 characters`;
  }
  return undefined;
}

const spec = (path: string[], value: string | undefined): SettingEdit => ({ pass: 'specialize', component: SHELL, path, value });
const oobe = (component: string, path: string[], value: string | undefined): SettingEdit => ({ pass: 'oobeSystem', component, path, value });

/**
 * The edits: identity and time zone in specialize (the same oobeSystem elements removed, so these values win in
 * Setup), the Administrator password in oobeSystem (a random password leaves the account disabled: no password is
 * written), locales in oobeSystem. Values left empty keep what the answer file had.
 */
export function planWindowsSettings(v: WindowsSettingsValues): SettingEdit[] {
  const edits: SettingEdit[] = [];
  const both = (name: string, value: string | undefined) => {
    if (value === undefined) return;
    edits.push(spec([name], value), oobe(SHELL, [name], undefined));
  };
  if (v.computerName !== undefined) edits.push(spec(['ComputerName'], v.computerName));
  both('RegisteredOwner', v.registeredUserName);
  both('RegisteredOrganization', v.registeredOrgName);
  both('TimeZone', v.timeZone);
  if (v.productKey !== undefined) edits.push(spec(['ProductKey'], v.productKey.toUpperCase()));
  if (v.randomAdminPassword) edits.push(oobe(SHELL, ['UserAccounts', 'AdministratorPassword'], undefined));
  else {
    edits.push(oobe(SHELL, ['UserAccounts', 'AdministratorPassword', 'Value'], v.adminPassword));
    edits.push(oobe(SHELL, ['UserAccounts', 'AdministratorPassword', 'PlainText'], 'true'));
  }
  const locales = [['InputLocale', v.inputLocale], ['SystemLocale', v.systemLocale], ['UILanguage', v.uiLanguage], ['UILanguageFallback', v.uiLanguageFallback], ['UserLocale', v.userLocale]] as const;
  for (const [name, value] of locales) if (value !== undefined) edits.push(oobe(INTERNATIONAL, [name], value));
  return edits;
}
