/**
 * What the Windows runner starts for a request: the program's full path and the command line it gets, built by the
 * MSVCRT rules from argv, or a sequence's command line as written run by `cmd.exe`.
 */
import { Redactor } from '../../../../variables/index.ts';
import { quoteWindowsArgv } from '../../../renderers/windows/dism-command.ts';
import type { ProcessRequest } from '../process-types.ts';
import { findWindowsProgram } from './find-windows-program.ts';
import { lineStart } from './line-start.ts';
import type { WindowsHost } from './windows-host.ts';
import type { WindowsStart } from './start-plan.ts';

/**
 * The start of `request`: argv quoted by the MSVCRT rules, or a `line` as {@link lineStart} runs it.
 * @throws TaskseqError `tool-missing` for a program that is not there; `invalid-input` for what no command line
 *   can carry (a double quote in an argument; for a line, see {@link lineStart})
 */
export function planWindowsStart(request: ProcessRequest, host: WindowsHost): WindowsStart {
  const redactor = new Redactor();
  for (const s of request.secrets ?? []) redactor.add(s);
  if (request.line !== undefined) return lineStart(request, host, redactor);
  const [name, ...args] = request.argv;
  if (name === undefined) throw new TypeError('runProcess: argv is empty');
  const program = findWindowsProgram(name, host);
  const argv0 = quoteWindowsArgv([program]);
  return {
    program,
    argv0,
    arguments: quoteWindowsArgv(args),
    logged: quoteWindowsArgv([program, ...args.map((a) => redactor.redact(a))]),
  };
}
