/**
 * The firmware boot entry for the Windows Boot Manager: added with the planned `efibootmgr --create` only where the
 * machine booted through UEFI and its EFI variables may be written; elsewhere the reason is returned and logged, and
 * the fallback loader on the EFI system partition is what the firmware starts.
 */
import { fallbackLoader, type Architecture } from '../../../../engine/index.ts';
import type { RunProcess } from '../../process/process-types.ts';
import type { LinuxFirmware } from '../probe/index.ts';
import { requireSuccess } from './command-failure.ts';

/** Whether an entry was added, and why not. */
export type FirmwareEntryResult = { added: true } | { added: false; reason: string };

const EFIBOOTMGR_TIMEOUT_MS = 60_000;

/** Why no entry is added on a machine without writable EFI variables. */
export function noEfiVariablesReason(architecture: Architecture): string {
  return 'this machine has no EFI variables (booted in BIOS mode or efivarfs not mounted): no firmware boot entry was added; '
    + `the fallback loader ${fallbackLoader(architecture)} boots it`;
}

/**
 * Runs `efibootmgr` (the planner's argv) when the firmware allows it.
 * @throws TaskseqError('unsupported') when efibootmgr fails or is stopped
 */
export async function addFirmwareEntry(
  run: RunProcess, argv: readonly string[], firmware: LinuxFirmware, architecture: Architecture, log: (line: string) => void,
): Promise<FirmwareEntryResult> {
  if (firmware.mode !== 'UEFI' || !firmware.efiVariablesWritable) {
    const reason = noEfiVariablesReason(architecture);
    log(reason);
    return { added: false, reason };
  }
  const result = await run({ argv, timeoutMs: EFIBOOTMGR_TIMEOUT_MS });
  requireSuccess(result, argv, 'cannot add the firmware boot entry');
  return { added: true };
}
