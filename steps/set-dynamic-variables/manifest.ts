/** Set Dynamic Variables' facts: its type and options. */
import { defineManifest } from '../../engine/step-api.ts';

export const SET_DYNAMIC_VARIABLES_TYPE = 'SMS_TaskSequence_SetDynamicVariablesAction';

export const setDynamicVariablesManifest = defineManifest({
  types: [{ type: SET_DYNAMIC_VARIABLES_TYPE, displayName: 'Set Dynamic Variables', defaultRunIn: 'WinPEandFullOS' }],
  options: [
    { kind: 'text', name: 'Rules', variable: 'OSDSetDynamicVariablesRules', description: '`<Rules><Rule>[<condition>]<Variables><Variable Name IsSecret>value</Variable>...`' },
  ],
});
