/** Restart Computer's facts: its type and options. */
import { defineManifest } from '../../engine/step-api.ts';
import { REBOOT_TYPE } from './plan.ts';

export const restartComputerManifest = defineManifest({
  types: [{ type: REBOOT_TYPE, displayName: 'Restart Computer', defaultRunIn: 'WinPEandFullOS' }],
  options: [
    { kind: 'text', name: 'Target', variable: 'SMSRebootTarget', fallback: true, description: '`HD` (installed OS) or `WinPE` (boot image), any case' },
    { kind: 'text', name: 'Message', variable: 'SMSRebootMessage', fallback: true, description: 'notice text, at most 512 characters shown' },
    { kind: 'text', name: 'MessageTimeout', variable: 'SMSRebootTimeout', fallback: true, description: 'seconds the notice is shown' },
  ],
});
