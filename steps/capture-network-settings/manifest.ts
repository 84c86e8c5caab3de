/** Capture Network Settings' facts: its type and options. */
import { defineManifest } from '../../engine/step-api.ts';

export const CAPTURE_NETWORK_SETTINGS_TYPE = 'SMS_TaskSequence_CaptureNetworkSettingsAction';

export const captureNetworkSettingsManifest = defineManifest({
  types: [{ type: CAPTURE_NETWORK_SETTINGS_TYPE, displayName: 'Capture Network Settings', defaultRunIn: 'FullOS' }],
  options: [
    { kind: 'flag', name: 'MigrateNetworkMembership', variable: 'OSDMigrateNetworkMembership', fallback: true, lenient: true, default: false, description: 'capture the domain or workgroup membership' },
    { kind: 'flag', name: 'MigrateAdapterSettings', variable: 'OSDMigrateAdapterSettings', fallback: true, lenient: true, default: true, description: "capture every adapter's TCP/IP settings (`OSDAdapter<n>*`)" },
  ],
});
