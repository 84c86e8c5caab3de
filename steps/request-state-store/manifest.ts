/** Request State Store's facts: its type, options and the secret variables it writes. */
import { defineManifest } from '../../engine/step-api.ts';

export const REQUEST_STATE_STORE_TYPE = 'SMS_TaskSequence_RequestStateStoreAction';

export const requestStateStoreManifest = defineManifest({
  types: [{ type: REQUEST_STATE_STORE_TYPE, displayName: 'Request State Store', defaultRunIn: 'WinPEandFullOS' }],
  options: [
    { kind: 'text', name: 'RequestType', variable: 'OSDStateRequestType', fallback: true, description: '`Capture` or `Restore` (else from the `<action>`)' },
    { kind: 'text', name: 'SMPRetryCount', variable: 'OSDStateSMPRetryCount', fallback: true, description: 'retries, 0 to 600 (default 3)' },
    { kind: 'text', name: 'SMPRetryTime', variable: 'OSDStateSMPRetryTime', fallback: true, description: 'seconds between retries, 0 to 600 (default 10)' },
    { kind: 'flag', name: 'FallbackToNAA', variable: 'OSDStateFallbackToNAA', fallback: true, lenient: true, default: false, description: 'retry with the network access account when the computer account is refused' },
  ],
  // The store's key, which Capture and Restore User State use, and the store's password.
  secretVariables: ['OSDMigrateEncryptionKey', 'OSDStateStorePassword'],
});
