/** Apply Windows Settings' facts: its type and options (each read as the documented variable when absent). */
import { defineManifest } from '../../engine/step-api.ts';

export const APPLY_WINDOWS_SETTINGS_TYPE = 'SMS_TaskSequence_ApplyWindowsSettingsAction';

export const applyWindowsSettingsManifest = defineManifest({
  types: [{ type: APPLY_WINDOWS_SETTINGS_TYPE, displayName: 'Apply Windows Settings', defaultRunIn: 'WinPE' }],
  options: [
    { kind: 'text', name: 'ComputerName', variable: 'OSDComputerName', fallback: true, description: 'computer name' },
    { kind: 'text', name: 'RegisteredUserName', variable: 'OSDRegisteredUserName', fallback: true, description: 'registered owner' },
    { kind: 'text', name: 'RegisteredOrgName', variable: 'OSDRegisteredOrgName', fallback: true, description: 'registered organization' },
    { kind: 'secret', name: 'ProductKey', variable: 'OSDProductKey', fallback: true, description: 'product key, `XXXXX-XXXXX-XXXXX-XXXXX-XXXXX` (quasi-secret)' },
    { kind: 'text', name: 'ServerLicenseMode', variable: 'OSDServerLicenseMode', fallback: true, description: '`PerSeat` or `PerServer`: checked and logged' },
    { kind: 'text', name: 'ServerLicenseConnectionLimit', variable: 'OSDServerLicenseConnectionLimit', fallback: true, description: '5 to 9999: checked and logged' },
    { kind: 'flag', name: 'RandomAdminPassword', variable: 'OSDRandomAdminPassword', fallback: true, lenient: true, default: true, description: 'true: no password, the Administrator account stays disabled' },
    { kind: 'secret', name: 'AdminPassword', variable: 'OSDLocalAdminPassword', fallback: true, description: 'the local Administrator password (with `RandomAdminPassword` false)' },
    { kind: 'text', name: 'TimeZone', variable: 'OSDTimeZone', fallback: true, description: 'time zone' },
    { kind: 'text', name: 'InputLocale', variable: 'OSDWindowsSettingsInputLocale', fallback: true, description: 'input locale' },
    { kind: 'text', name: 'SystemLocale', variable: 'OSDWindowsSettingsSystemLocale', fallback: true, description: 'system locale' },
    { kind: 'text', name: 'UILanguage', variable: 'OSDWindowsSettingsUILanguage', fallback: true, description: 'display language' },
    { kind: 'text', name: 'UILanguageFallback', variable: 'OSDWindowsSettingsUILanguageFallback', fallback: true, description: 'fallback display language' },
    { kind: 'text', name: 'UserLocale', variable: 'OSDWindowsSettingsUserLocale', fallback: true, description: 'user locale' },
  ],
});
