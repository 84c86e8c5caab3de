/**
 * What the Windows backend refuses in this version whatever happens before it, in one place: its ports throw these
 * reasons at run time, and {@link winpeCallRefusal} gives the same ones to the preflight, so a sequence that would
 * meet one is refused before any disk is touched. Small: select.ts loads it without the backend.
 */
import type { MachineCall } from '../../../engine/index.ts';

/** Why the Windows backend refuses restarts in this version. */
export const WINPE_RESTART_REFUSAL = 'the Windows backend does not restart in this version: the agent would not start again by itself after the restart (resume after a restart is not built yet); end the boot image\'s part of the sequence before its first restart';

/** Why the Windows backend refuses PowerShell steps in this version. */
export const WINPE_POWERSHELL_REFUSAL = 'PowerShell steps are not run by the Windows backend in this version (their script file is not written yet)';

/** `<what> is not done by the Windows backend in this version`: a port call this version does not make. */
export function winpeNotYet(what: string): string {
  return `${what} is not done by the Windows backend in this version`;
}

/** What Sysprep, ScanState and LoadState calls are refused with. */
export const WINPE_SYSPREP_REFUSAL = winpeNotYet('Sysprep');
export const WINPE_SCANSTATE_REFUSAL = winpeNotYet('Capture User State (USMT ScanState)');
export const WINPE_LOADSTATE_REFUSAL = winpeNotYet('Restore User State (USMT LoadState)');

/** The preflight's judge for the Windows backend (see engine/preflight/machine-calls.ts). */
export function winpeCallRefusal(call: MachineCall): string | undefined {
  switch (call.kind) {
    case 'command': return call.commandKind === 'powershell' ? WINPE_POWERSHELL_REFUSAL : undefined;
    case 'generalize': return WINPE_SYSPREP_REFUSAL;
    case 'user-state': return call.operation === 'capture' ? WINPE_SCANSTATE_REFUSAL : WINPE_LOADSTATE_REFUSAL;
    case 'restart': return WINPE_RESTART_REFUSAL;
    case 'disk': return undefined;
  }
}
