/**
 * The argument list the Windows backend passes to `bcdboot.exe` to write the boot manager and its store for an
 * applied OS (pure). Argument order follows bcdboot's own usage text: source, `/l`, `/s`, `/f`.
 */
import { TaskseqError } from '../../../engine/index.ts';
import type { BootFilesRequest } from '../../../engine/index.ts';
import { checkPositionalArg } from './positional-arg.ts';

const FIRMWARE = new Set(['UEFI', 'BIOS', 'ALL']);

/** `S`, `s:` or `S:` -> `S:`. */
function driveLetter(value: string): string {
  const m = /^([A-Za-z]):?$/.exec(value);
  if (!m) throw new TaskseqError('invalid-input', `bcdboot: system drive ${value} is not a drive letter like S:`);
  return `${m[1].toUpperCase()}:`;
}

/**
 * `bcdboot.exe <windowsPath> [/l <locale>] [/s <S:> /f UEFI|BIOS|ALL]`. bcdboot takes `/f` only together with
 * `/s`; without a system drive it writes to the system partition the firmware reports, in the form of the firmware
 * the machine booted with, so `firmware` is then not rendered (the caller passes `systemDrive` to choose).
 * @throws TaskseqError('invalid-input') for a bad drive letter, firmware or locale, a value with a double quote, or a
 *   Windows folder beginning with `/` or `-` (bcdboot would read it as an option).
 */
export function renderBcdboot(r: BootFilesRequest & { locale?: string }): string[] {
  const where = 'bcdboot';
  if (!FIRMWARE.has(r.firmware)) throw new TaskseqError('invalid-input', `${where}: firmware ${String(r.firmware)} is not UEFI, BIOS or ALL`);
  const argv = ['bcdboot.exe', checkPositionalArg(where, 'Windows folder', r.windowsPath)];
  if (r.locale !== undefined) {
    if (!/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(r.locale)) {
      throw new TaskseqError('invalid-input', `${where}: locale ${r.locale} is not a language tag like en-us`);
    }
    argv.push('/l', r.locale.toLowerCase());
  }
  if (r.systemDrive !== undefined) argv.push('/s', driveLetter(r.systemDrive), '/f', r.firmware);
  return argv;
}
