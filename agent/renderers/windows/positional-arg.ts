/**
 * Positional values on a Windows tool's command line. Windows tools have no end-of-options marker: scanstate,
 * loadstate and bcdboot read any argument that begins with `/` (most also `-`) as an option, wherever it stands. A
 * value that goes where the tool expects a path, and that begins with one of those, is refused; values inside an
 * option (`/ImageFile:<path>`) are safe, since the option's own prefix comes first.
 */
import { TaskseqError } from '../../../engine/index.ts';
import { checkWindowsArgValue } from './dism-command.ts';

/**
 * A value for a positional argument of a Windows tool: a plain argument ({@link checkWindowsArgValue}) that does not
 * begin with `/` or `-`. The message names the tool and field and shows the value, so pass no secret here.
 * @throws TaskseqError('invalid-input') naming `where` and `field`
 */
export function checkPositionalArg(where: string, field: string, value: string): string {
  checkWindowsArgValue(where, field, value);
  if (/^\s*[/-]/.test(value)) {
    throw new TaskseqError('invalid-input', `${where}: ${field} ${value} begins with '${value.trim()[0]}', which ${where} would read as an option; give a full path such as C:\\folder or \\\\server\\share\\folder`);
  }
  return value;
}
