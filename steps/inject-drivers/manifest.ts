/** MDT Inject Drivers' facts: its type and options. */
import { defineManifest } from '../../engine/step-api.ts';

export const INJECT_DRIVERS_TYPE = 'BDD_InjectDrivers';

export const injectDriversManifest = defineManifest({
  types: [{ type: INJECT_DRIVERS_TYPE, displayName: 'Inject Drivers', defaultRunIn: 'WinPEandFullOS' }],
  options: [
    { kind: 'text', name: 'DriverSelectionProfile', description: '`All Drivers` (default), `Nothing`, or a category name' },
    { kind: 'text', name: 'DriverInjectionMode', description: '`AUTO` (default): every matching driver; `ALL`: every driver of the profile' },
  ],
});
