/** Release State Store's facts: its type (it has no options: the store comes from Request State Store). */
import { defineManifest } from '../../engine/step-api.ts';

export const RELEASE_STATE_STORE_TYPE = 'SMS_TaskSequence_ReleaseStateStoreAction';

export const releaseStateStoreManifest = defineManifest({
  types: [{ type: RELEASE_STATE_STORE_TYPE, displayName: 'Release State Store', defaultRunIn: 'WinPEandFullOS' }],
  options: [],
});
