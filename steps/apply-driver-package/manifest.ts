/** Apply Driver Package's facts: its type and options. */
import { defineManifest } from '../../engine/step-api.ts';

export const APPLY_DRIVER_PACKAGE_TYPE = 'SMS_TaskSequence_ApplyDriverPackageAction';

/** Boot-critical options and their variables: accepted and reported as ignored. */
export const BOOT_CRITICAL: ReadonlyArray<[string, string]> = [
  ['BootCriticalContentUniqueID', 'OSDApplyDriverBootCriticalContentUniqueID'],
  ['BootCriticalHardwareComponent', 'OSDApplyDriverBootCriticalHardwareComponent'],
  ['BootCriticalID', 'OSDApplyDriverBootCriticalID'],
  ['BootCriticalINFFile', 'OSDApplyDriverBootCriticalINFFile'],
];

export const applyDriverPackageManifest = defineManifest({
  types: [{ type: APPLY_DRIVER_PACKAGE_TYPE, displayName: 'Apply Driver Package', defaultRunIn: 'WinPE' }],
  options: [
    { kind: 'package', name: 'DriverPackageID', variable: 'OSDApplyDriverDriverPackageID', fallback: true, description: 'the package (required; checked by the preflight like every package)' },
    { kind: 'flag', name: 'UnsignedDriver', variable: 'OSDAllowUnsignedDriver', fallback: true, lenient: true, default: false, description: 'stage unsigned drivers (force-unsigned)' },
    { kind: 'flag', name: 'Recurse', variable: 'OSDRecurse', fallback: true, lenient: true, default: false, description: 'include INFs in subfolders' },
    ...BOOT_CRITICAL.map(([name, variable]) => ({
      kind: 'text' as const, name, variable, fallback: true,
      description: 'accepted and reported as ignored: it only mattered for mass-storage drivers of Windows versions before Vista',
    })),
  ],
});
