/** Setup Windows and ConfigMgr's facts: its type and options. */
import { defineManifest } from '../../engine/step-api.ts';

export const SETUP_WINDOWS_TYPE = 'SMS_TaskSequence_SetupWindowsAndSMSAction';

export const setupWindowsManifest = defineManifest({
  types: [{ type: SETUP_WINDOWS_TYPE, displayName: 'Setup Windows and ConfigMgr', defaultRunIn: 'WinPEandFullOS' }],
  options: [
    { kind: 'package', name: 'ClientPackageID', variable: '_SMSClientPackageID', fallback: true, description: 'the ConfigMgr client package (checked by the preflight like every package)' },
    { kind: 'text', name: 'ClientInstallProperties', variable: 'SMSClientInstallProperties', fallback: true, description: 'passed to the client installation; logged, unless secret (then passed but neither logged nor recorded)' },
    { kind: 'flag', name: 'UsePreProdClient', lenient: true, default: false, description: 'use the pre-production client package `PreProdPackageID` instead' },
    { kind: 'text', name: 'PreProdPackageID', description: 'the pre-production client package (checked by the preflight when `UsePreProdClient` is true)' },
  ],
});
