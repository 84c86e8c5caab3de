/** `SMSTSRebootRequested`: `WinPE` restarts into the boot image; `HD` or any other value into the installed OS. */
export function rebootTarget(requested: string): 'HD' | 'WinPE' {
  return /^winpe$/i.test(requested.trim()) ? 'WinPE' : 'HD';
}
