/** Auto Apply Drivers' facts: its type and options. */
import { defineManifest } from '../../engine/step-api.ts';

export const AUTO_APPLY_DRIVERS_TYPE = 'SMS_TaskSequence_AutoApplyAction';

export const autoApplyDriversManifest = defineManifest({
  types: [{ type: AUTO_APPLY_DRIVERS_TYPE, displayName: 'Auto Apply Drivers', defaultRunIn: 'WinPE' }],
  options: [
    { kind: 'flag', name: 'BestMatch', variable: 'OSDAutoApplyDriverBestMatch', fallback: true, lenient: true, default: true, description: "`true`: stage each device's winner; `false`: every usable candidate, Windows chooses at setup" },
    { kind: 'flag', name: 'UnsignedDriver', variable: 'OSDAllowUnsignedDriver', fallback: true, lenient: true, default: false, description: '`true`: unsigned drivers may be chosen and are staged with force-unsigned' },
    { kind: 'text', name: 'CategoryList', variable: 'OSDAutoApplyDriverCategoryList', fallback: true, description: 'comma list of categories (names or unique ids), ORed; empty = the whole catalog' },
  ],
});
