/** Prepare ConfigMgr Client for Capture's facts: its type (it has no options). */
import { defineManifest } from '../../engine/step-api.ts';

export const PREPARE_CLIENT_TYPE = 'SMS_TaskSequence_PrepareSMSClientAction';

export const prepareClientManifest = defineManifest({
  types: [{ type: PREPARE_CLIENT_TYPE, displayName: 'Prepare ConfigMgr Client for Capture', defaultRunIn: 'FullOS' }],
  options: [],
});
