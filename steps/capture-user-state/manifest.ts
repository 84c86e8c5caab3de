/** Capture User State's facts: its type and options (each read as the documented variable when absent). */
import { defineManifest } from '../../engine/step-api.ts';

export const CAPTURE_USER_STATE_TYPE = 'SMS_TaskSequence_CaptureUserStateAction';

export const captureUserStateManifest = defineManifest({
  types: [{ type: CAPTURE_USER_STATE_TYPE, displayName: 'Capture User State', defaultRunIn: 'WinPEandFullOS' }],
  options: [
    { kind: 'package', name: 'UsmtPackageID', variable: '_OSDMigrateUsmtPackageID', fallback: true, description: 'the USMT package' },
    { kind: 'text', name: 'Mode', variable: 'OSDMigrateMode', fallback: true, description: '`Simple` (default) or `Advanced`' },
    { kind: 'text', name: 'ConfigFiles', variable: 'OSDMigrateConfigFiles', fallback: true, description: 'comma list of config files in the USMT package (Advanced)' },
    { kind: 'flag', name: 'ContinueOnLockedFiles', variable: 'OSDMigrateContinueOnLockedFiles', fallback: true, lenient: true, default: true, description: 'go on past files that cannot be read' },
    { kind: 'flag', name: 'SkipEncryptedFiles', variable: 'OSDMigrateSkipEncryptedFiles', fallback: true, lenient: true, default: false, description: 'leave EFS-encrypted files out' },
    { kind: 'flag', name: 'EnableVerboseLogging', variable: 'OSDMigrateEnableVerboseLogging', fallback: true, lenient: true, default: false, description: 'verbose ScanState log' },
    { kind: 'text', name: 'AdditionalCaptureOptions', variable: 'OSDMigrateAdditionalCaptureOptions', fallback: true, description: 'more ScanState arguments' },
    { kind: 'text', name: 'FileAccess', variable: 'OSDMigrateFileAccess', fallback: true, description: '`VSS`: read locked files through a volume shadow copy' },
    { kind: 'flag', name: 'UseHardlinks', variable: '_OSDMigrateUseHardlinks', fallback: true, lenient: true, default: false, description: 'a hard-link store on the captured volume' },
    { kind: 'flag', name: 'OfflineUserState', variable: '_OSDMigrateOfflineUserState', fallback: true, lenient: true, default: false, description: 'capture from Windows PE (offline)' },
  ],
});
