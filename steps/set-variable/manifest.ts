/** Set Task Sequence Variable's facts: its type and options. */
import { defineManifest } from '../../engine/step-api.ts';

export const SET_VARIABLE_TYPE = 'SMS_TaskSequence_SetVariableAction';

export const setVariableManifest = defineManifest({
  types: [{ type: SET_VARIABLE_TYPE, displayName: 'Set Task Sequence Variable', defaultRunIn: 'WinPEandFullOS' }],
  options: [
    { kind: 'text', name: 'VariableName', variable: 'VariableName', required: true, description: 'name' },
    { kind: 'text', name: 'VariableValue', variable: 'VariableValue', description: 'value, `%VAR%`-expanded at run time; empty deletes' },
    { kind: 'flag', name: 'DoNotShowVariableValue', variable: 'DoNotShowVariableValue', lenient: true, default: false, description: '`true` marks the value secret' },
  ],
});
