/** Prepare Windows for Capture's facts: its type and options. */
import { defineManifest } from '../../engine/step-api.ts';

export const PREPARE_OS_TYPE = 'SMS_TaskSequence_PrepareOSAction';

export const prepareWindowsManifest = defineManifest({
  types: [{ type: PREPARE_OS_TYPE, displayName: 'Prepare Windows for Capture', defaultRunIn: 'FullOS' }],
  options: [
    { kind: 'flag', name: 'KeepActivation', variable: 'OSDKeepActivation', fallback: true, lenient: true, default: false, description: 'keep the activation through Sysprep' },
    { kind: 'flag', name: 'BuildStorageDriverList', variable: 'OSDBuildStorageDriverList', fallback: true, lenient: true, default: false, description: 'legacy mass-storage list: accepted, logged as without effect on current Windows' },
    { kind: 'flag', name: 'ShutdownPreparedOs', variable: 'OSDShutdownPreparedOs', fallback: true, lenient: true, default: false, description: 'true: shut down instead of restarting; the task sequence ends there' },
    { kind: 'text', name: 'SysprepPackageID', description: 'Windows XP / Server 2003 Sysprep package: ignored with a warning' },
  ],
});
