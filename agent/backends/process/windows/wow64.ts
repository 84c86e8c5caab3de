/**
 * Which `cmd.exe` runs a sequence's command line, so that it sees the system folder a sequence expects. On 64-bit
 * Windows a command line sees the 32-bit system folder by default (`System32` is redirected to `SysWOW64`, as for a
 * 32-bit engine); `SMSTSDisableWow64Redirection` and the step's option make it see the native one. A 64-bit agent
 * cannot switch redirection on for a child, so it picks the interpreter whose bitness gives that view: what the
 * interpreter resolves (`System32\...` paths, programs found on the PATH) is then redirected or not as asked.
 */
import { environmentValue, inWindowsFolder, type WindowsHost } from './windows-host.ts';

const AGENTS_32_BIT = new Set(['ia32', 'arm']);

/**
 * The path of the `cmd.exe` for a command line:
 * - 64-bit agent, WoW64 present (`SysWOW64\cmd.exe` exists): `SysWOW64\cmd.exe` by default, `System32\cmd.exe`
 *   with `disableWow64Redirection`;
 * - 64-bit agent without WoW64 (64-bit Windows PE has none): `System32\cmd.exe` either way, there is no other view;
 * - 32-bit agent on 64-bit Windows (`PROCESSOR_ARCHITEW6432` set): `System32\cmd.exe` (redirected by Windows) by
 *   default, `Sysnative\cmd.exe` with `disableWow64Redirection`;
 * - 32-bit agent on 32-bit Windows: `System32\cmd.exe`.
 */
export function commandInterpreter(host: WindowsHost, disableWow64Redirection: boolean): string {
  const system32 = inWindowsFolder(host, 'System32', 'cmd.exe');
  if (AGENTS_32_BIT.has(host.arch)) {
    if (environmentValue(host.env, 'PROCESSOR_ARCHITEW6432') === undefined) return system32;
    return disableWow64Redirection
      ? inWindowsFolder(host, 'Sysnative', 'cmd.exe')
      : system32;
  }
  const wow64 = inWindowsFolder(host, 'SysWOW64', 'cmd.exe');
  if (!disableWow64Redirection && host.isFile(wow64)) return wow64;
  return system32;
}
