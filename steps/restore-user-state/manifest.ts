/** Restore User State's facts: its type and options (each read as the documented variable when absent). */
import { defineManifest } from '../../engine/step-api.ts';

export const RESTORE_USER_STATE_TYPE = 'SMS_TaskSequence_RestoreUserStateAction';

export const restoreUserStateManifest = defineManifest({
  types: [{ type: RESTORE_USER_STATE_TYPE, displayName: 'Restore User State', defaultRunIn: 'FullOS' }],
  options: [
    { kind: 'package', name: 'UsmtRestorePackageID', variable: '_OSDMigrateUsmtRestorePackageID', fallback: true, description: 'the USMT package' },
    { kind: 'text', name: 'Mode', variable: 'OSDMigrateMode', fallback: true, description: '`Simple` (default) or `Advanced`' },
    { kind: 'text', name: 'ConfigFiles', variable: 'OSDMigrateConfigFiles', fallback: true, description: 'comma list of config files in the USMT package (Advanced)' },
    { kind: 'flag', name: 'ContinueOnRestore', variable: 'OSDMigrateContinueOnRestore', fallback: true, lenient: true, default: true, description: 'go on past errors while restoring' },
    { kind: 'flag', name: 'EnableVerboseLogging', variable: 'OSDMigrateEnableVerboseLogging', fallback: true, lenient: true, default: false, description: 'verbose LoadState log' },
    { kind: 'flag', name: 'LocalAccounts', variable: 'OSDMigrateLocalAccounts', fallback: true, lenient: true, default: false, description: 'restore local accounts (they need `LocalAccountPassword`)' },
    { kind: 'secret', name: 'LocalAccountPassword', variable: 'OSDMigrateLocalAccountPassword', fallback: true, description: 'password of the restored local accounts' },
    { kind: 'text', name: 'AdditionalRestoreOptions', variable: 'OSDMigrateAdditionalRestoreOptions', fallback: true, description: 'more LoadState arguments' },
  ],
});
