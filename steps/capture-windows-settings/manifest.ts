/** Capture Windows Settings' facts: its type and options. */
import { defineManifest } from '../../engine/step-api.ts';

export const CAPTURE_WINDOWS_SETTINGS_TYPE = 'SMS_TaskSequence_CaptureWindowsSettingsAction';

export const captureWindowsSettingsManifest = defineManifest({
  types: [{ type: CAPTURE_WINDOWS_SETTINGS_TYPE, displayName: 'Capture Windows Settings', defaultRunIn: 'WinPEandFullOS' }],
  options: [
    { kind: 'flag', name: 'MigrateComputerName', variable: 'OSDMigrateComputerName', fallback: true, lenient: true, default: true, description: 'capture the computer name into `OSDComputerName`' },
    { kind: 'flag', name: 'MigrateRegistrationInfo', variable: 'OSDMigrateRegistrationInfo', fallback: true, lenient: true, default: true, description: 'capture the registered owner and organization' },
    { kind: 'flag', name: 'MigrateTimeZone', variable: 'OSDMigrateTimeZone', fallback: true, lenient: true, default: true, description: 'capture the time zone into `OSDTimeZone`' },
  ],
});
