/** Where Restart Computer restarts to, and its notice (pure). */

export const REBOOT_TYPE = 'SMS_TaskSequence_RebootAction';
export type RebootTarget = 'HD' | 'WinPE';
/** Longest notice text the step accepts, in characters (documented). */
export const MAX_MESSAGE_LENGTH = 512;

/** `HD` or `WinPE` for `value` in any letter case, or undefined. */
export function parseTarget(value: string): RebootTarget | undefined {
  const v = value.trim().toLowerCase();
  return v === 'hd' ? 'HD' : v === 'winpe' ? 'WinPE' : undefined;
}

/** The `/target:X` of an action such as `smsboot.exe /target:WinPE`, or undefined. */
export function parseActionTarget(action: string | undefined): string | undefined {
  return action === undefined ? undefined : /\/target:("?)([^\s"]+)\1/i.exec(action)?.[2];
}

/**
 * The target text: option `Target` when set, else `/target:` of the action, else `HD` (the installed OS). The
 * result may still be invalid; {@link parseTarget} decides.
 */
export function selectTarget(option: string | undefined, action: string | undefined): string {
  return option?.trim() || parseActionTarget(action) || 'HD';
}
