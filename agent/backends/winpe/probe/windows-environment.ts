/**
 * Where the agent runs on Windows: Windows PE or the full OS, the firmware it booted with and Secure Boot, read the
 * way Windows itself tells them.
 */
import { TaskseqError, type EnvironmentFacts } from '../../../../engine/index.ts';
import { environmentValue } from '../../process/windows/windows-host.ts';
import type { WindowsRegistry } from './windows-registry.ts';
import { firstRow, text } from './snapshot-rows.ts';
import type { WmiSnapshot } from './wmi-snapshot.ts';

/** Present only in Windows PE. */
export const MININT_KEY = 'HKLM\\SYSTEM\\CurrentControlSet\\Control\\MiniNT';
/** Holds `PEFirmwareType` in Windows PE: 1 BIOS, 2 UEFI. */
export const CONTROL_KEY = 'HKLM\\SYSTEM\\CurrentControlSet\\Control';
/** Holds `UEFISecureBootEnabled`: 1 when Secure Boot is on. */
export const SECURE_BOOT_STATE_KEY = 'HKLM\\SYSTEM\\CurrentControlSet\\Control\\SecureBoot\\State';

/** The facts of the environment the Windows probe reads; the backend adds paths, media and time zone. */
export type WindowsEnvironment = Pick<EnvironmentFacts, 'inWinPE' | 'firmware' | 'secureBoot' | 'machineName'>;

/** `firmware_type` is `UEFI` or `Legacy`. */
function fromFirmwareType(value: string | undefined): EnvironmentFacts['firmware'] | undefined {
  const v = value?.trim().toLowerCase();
  return v === 'uefi' ? 'UEFI' : v === 'legacy' || v === 'bios' ? 'BIOS' : undefined;
}

function firmwareOf(inWinPE: boolean, registry: WindowsRegistry, snapshot: WmiSnapshot, env: Record<string, string | undefined>): EnvironmentFacts['firmware'] {
  if (inWinPE) {
    const type = registry.value(CONTROL_KEY, 'PEFirmwareType')?.data;
    if (type === '1') return 'BIOS';
    if (type === '2') return 'UEFI';
    throw new TaskseqError('unsupported', `cannot tell the firmware of this Windows PE: ${CONTROL_KEY} value PEFirmwareType is ${type === undefined ? 'not set' : `"${type}"`} (1 is BIOS, 2 UEFI)`);
  }
  const found = fromFirmwareType(environmentValue(env, 'firmware_type')) ?? fromFirmwareType(snapshot.firmwareType);
  if (found) return found;
  throw new TaskseqError('unsupported', 'cannot tell the firmware of this Windows: the firmware_type environment variable (UEFI or Legacy) is not set');
}

/**
 * Windows PE when the `MiniNT` key exists. Firmware from `PEFirmwareType` in Windows PE, from `firmware_type` in the
 * full OS; Secure Boot (UEFI only) from `Confirm-SecureBootUEFI` when the snapshot could ask it, else from
 * `UEFISecureBootEnabled`. The machine name is Win32_ComputerSystem's, else `COMPUTERNAME`.
 * @param env the agent's environment
 * @throws TaskseqError('unsupported') when the firmware cannot be told
 */
export function readWindowsEnvironment(registry: WindowsRegistry, snapshot: WmiSnapshot, env: Record<string, string | undefined>): WindowsEnvironment {
  const inWinPE = registry.keyExists(MININT_KEY);
  const firmware = firmwareOf(inWinPE, registry, snapshot, env);
  const on = () => snapshot.secureBoot ?? registry.value(SECURE_BOOT_STATE_KEY, 'UEFISecureBootEnabled')?.data === '1';
  const name = text(firstRow(snapshot, 'Win32_ComputerSystem'), 'Name');
  return {
    inWinPE, firmware, secureBoot: firmware === 'BIOS' ? 'NA' : on() ? 'Enabled' : 'Disabled',
    machineName: name || (environmentValue(env, 'COMPUTERNAME') ?? ''),
  };
}
