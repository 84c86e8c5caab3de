/** Convert Disk to Dynamic's facts: its type (it has no options this engine reads). */
import { defineManifest } from '../../engine/step-api.ts';

export const CONVERT_DISK_TYPE = 'SMS_TaskSequence_ConvertDiskAction';

export const convertDiskManifest = defineManifest({
  types: [{ type: CONVERT_DISK_TYPE, displayName: 'Convert Disk to Dynamic', defaultRunIn: 'WinPEandFullOS' }],
  options: [],
});
