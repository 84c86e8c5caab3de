/**
 * How a sequence's command line as written (Run Command Line, a PowerShell step's rendered line) is started:
 * always by `cmd.exe`, and by one `cmd.exe` only.
 */
import { win32 } from 'node:path';
import { TaskseqError } from '../../../../engine/index.ts';
import type { Redactor } from '../../../../variables/index.ts';
import { quoteWindowsArgv } from '../../../renderers/windows/dism-command.ts';
import type { ProcessRequest } from '../process-types.ts';
import { knownWindowsTool, lookUp, windowsToolMissing } from './find-windows-program.ts';
import type { WindowsHost } from './windows-host.ts';
import type { WindowsStart } from './start-plan.ts';
import { commandInterpreter } from './wow64.ts';

/** The longest command `cmd.exe` accepts, in characters. */
export const CMD_LINE_LIMIT = 8191;

/** Folders a line's own `cmd.exe` may be named in and still be the system's (`%windir%\System32\cmd.exe`). */
const SYSTEM_FOLDERS = new Set(['system32', 'syswow64', 'sysnative']);

/**
 * The start of `request.line`. The `cmd.exe` is the one {@link commandInterpreter} picks for the Wow64 view.
 * - A line that is itself a `cmd.exe` command (`cmd.exe /c exit 3010`, `cmd /c echo %X%`, also
 *   `%windir%\System32\cmd.exe ...`; one in `Sysnative` or `SysWOW64` gets that view whatever the option says):
 *   that `cmd.exe` gets the rest of the line as written, so the line is read once
 *   by `cmd.exe`, as when a sequence runs it: `%VAR%` names the environment has are expanded, others stay as written;
 *   `^`, `&`, `|`, `>` and quotes follow `cmd /c`'s own rules.
 * - Any other line: `cmd.exe /d /s /c "<line>"`. `/d` skips AutoRun commands from the registry; `/s` makes
 *   `cmd.exe` drop exactly the outer quotes added here, so the line's own quotes reach it as written
 *   (`"C:\Program Files\x.exe" "a b"` keeps all four). `cmd.exe` finds the program (`.com`, `.exe`, `.bat`, `.cmd`
 *   on the PATH) and expands `%VAR%` as above; unlike a program started without a shell, `&`, `|`, `<`, `>` and `^`
 *   outside quotes are `cmd.exe`'s too.
 * @throws TaskseqError `invalid-input` for an empty line, a line break or NUL in it, or a line longer than `cmd.exe`
 *   takes; `tool-missing` when the line starts with a program the doctor lists (such as `powershell.exe` in a
 *   Windows PE without WinPE-PowerShell) and it is not there
 */
export function lineStart(request: ProcessRequest, host: WindowsHost, redactor: Redactor): WindowsStart {
  const line = request.line!.trim();
  if (request.argv.length > 0) throw new TypeError('runProcess: give argv or line, not both');
  if (line === '') throw new TaskseqError('invalid-input', 'the command line is empty');
  if (/[\r\n\0]/.test(line)) throw new TaskseqError('invalid-input', 'the command line holds a line break or a NUL character, which cmd.exe cannot take');
  if (line.length > CMD_LINE_LIMIT - 2) {
    throw new TaskseqError('invalid-input', `the command line is ${line.length} characters long; cmd.exe takes at most ${CMD_LINE_LIMIT - 2} (with its quotes)`);
  }
  const native = request.disableWow64Redirection === true;
  const first = firstWord(line);
  const own = first && interpreterFolder(first.program);
  if (own) {
    // A line naming Sysnative or SysWOW64 asks for that view whatever the option says.
    const program = commandInterpreter(host, own === 'sysnative' ? true : own === 'syswow64' ? false : native);
    const rest = line.slice(first.written.length).trimStart();
    const shown = quoteWindowsArgv([program]);
    return { program, argv0: first.written, arguments: rest, logged: `${shown}${rest ? ` ${redactor.redact(rest)}` : ''}` };
  }
  if (first) requireKnownTool(first.program, request.cwd, host);
  const program = commandInterpreter(host, native);
  const shown = quoteWindowsArgv([program]);
  const tail = (text: string) => `/d /s /c "${text}"`;
  return { program, argv0: shown, arguments: tail(line), logged: `${shown} ${tail(redactor.redact(line))}` };
}

/** The line's program: as written (with its quotes) and as a name. */
function firstWord(line: string): { written: string; program: string } | undefined {
  const m = /^(?:"([^"]+)"|([^\s"]+))/.exec(line);
  return m ? { written: m[0], program: m[1] ?? m[2]! } : undefined;
}

/**
 * For `cmd`, `cmd.exe`, `%ComSpec%`, or cmd in a system folder (`C:\Windows\System32`, `%windir%\SysWOW64`): that folder's
 * name in lower case (`system32` for a bare name); undefined for any other program.
 */
function interpreterFolder(program: string): string | undefined {
  if (program.toLowerCase() === '%comspec%') return 'system32';
  const name = win32.basename(program).toLowerCase();
  if (name !== 'cmd' && name !== 'cmd.exe') return undefined;
  const folder = win32.dirname(program);
  if (folder === '.') return 'system32';
  const last = win32.basename(folder).toLowerCase();
  return SYSTEM_FOLDERS.has(last) ? last : undefined;
}

/**
 * A line that starts with a program the doctor lists (PowerShell, USMT) fails before it starts when that program is
 * missing, naming the component that brings it; anything else is `cmd.exe`'s to find (its built-in commands too).
 */
function requireKnownTool(program: string, cwd: string | undefined, host: WindowsHost): void {
  // A program named through a variable is cmd.exe's to expand and find.
  if (program.includes('%') || !knownWindowsTool(program)) return;
  if (lookUp(program, host, cwd ? [cwd] : [])) return;
  throw windowsToolMissing(program, `${program} was not found on the PATH or in the working folder`);
}
