/**
 * The argument lists the Windows backend passes to `dism.exe` for applying, capturing and servicing images (pure),
 * and the quoting that turns an argument list into one Windows command line. Every argv starts with the program
 * name, as the Linux backend's mkfs argv do.
 */
import { TaskseqError } from '../../../engine/index.ts';
import type { ApplyImageRequest, CaptureImageRequest, WimCompression } from '../../../engine/index.ts';

/** The largest image index ConfigMgr accepts (and DISM's index is a 32-bit signed value). */
const MAX_INDEX = 2147483647;

const DISM_COMPRESSION: Record<Exclude<WimCompression, 'lzms'>, string> = { lzx: 'max', xpress: 'fast', none: 'none' };

/**
 * Refuses a value a Windows command line cannot carry as one plain argument: empty, or holding a double quote
 * (we never emit `\"` escapes, because DISM and bcdboot do not all parse them the same way).
 * @throws TaskseqError('invalid-input') naming the tool, the operation and the field.
 */
export function checkWindowsArgValue(where: string, field: string, value: string): string {
  if (value === '') throw new TaskseqError('invalid-input', `${where}: ${field} is empty`);
  if (value.includes('"')) {
    throw new TaskseqError('invalid-input', `${where}: ${field} ${value} contains a double quote, which a Windows command line cannot carry`);
  }
  if (/[\r\n\0]/.test(value)) throw new TaskseqError('invalid-input', `${where}: ${field} contains a line break or NUL character`);
  return value;
}

function checkIndex(where: string, index: number): number {
  if (!Number.isInteger(index) || index < 1 || index > MAX_INDEX) {
    throw new TaskseqError('invalid-input', `${where}: index ${index} is not a whole number from 1 to ${MAX_INDEX}`);
  }
  return index;
}

/**
 * `dism.exe /Apply-Image /ImageFile:<path> /Index:<n> /ApplyDir:<dir> [/SWMFile:<pattern>] [/CheckIntegrity]
 * [/Verify]`. `applyDir` is the root of the target volume (`C:\`); `swmPattern` names every part of a split set
 * (`D:\images\install*.swm`) and is required by DISM when `path` is the first `.swm`.
 * @throws TaskseqError('invalid-input') for an index outside 1..2147483647 or a value with a double quote.
 */
export function renderApplyImage(r: ApplyImageRequest & { applyDir: string; swmPattern?: string; verify?: boolean }): string[] {
  const where = 'DISM /Apply-Image';
  const argv = [
    'dism.exe',
    '/Apply-Image',
    `/ImageFile:${checkWindowsArgValue(where, 'image file', r.path)}`,
    `/Index:${checkIndex(where, r.index)}`,
    `/ApplyDir:${checkWindowsArgValue(where, 'apply folder', r.applyDir)}`,
  ];
  if (r.swmPattern !== undefined) argv.push(`/SWMFile:${checkWindowsArgValue(where, 'split-file pattern', r.swmPattern)}`);
  if (r.checkIntegrity) argv.push('/CheckIntegrity');
  if (r.verify) argv.push('/Verify');
  return argv;
}

function compressionArg(where: string, compression: CaptureImageRequest['compression']): string[] {
  if (compression === undefined) return [];
  const value = DISM_COMPRESSION[compression];
  if (!value) throw new TaskseqError('unsupported', `${where}: compression ${String(compression)} is not one DISM can write to a WIM (lzx, xpress, none)`);
  return [`/Compress:${value}`];
}

/**
 * `dism.exe /Capture-Image /ImageFile:<path> /CaptureDir:<dir> /Name:<name> [/Description:<d>]
 * [/Compress:max|fast|none] [/CheckIntegrity]` for `mode: 'create'`, or `/Append-Image` with the same arguments
 * but no `/Compress` for `mode: 'append'` (an appended image keeps the file's compression). Compression maps
 * lzx->max, xpress->fast, none->none; left out, DISM's default (fast) applies. DISM has no option for the
 * creator or version, so those fields are not rendered. DISM refuses to create over an existing file: the caller
 * deletes it first to get the contract's "replaced".
 * @throws TaskseqError('invalid-input') for a value with a double quote; ('unsupported') for LZMS.
 */
export function renderCaptureImage(r: CaptureImageRequest & { captureDir: string }): string[] {
  const append = r.mode === 'append';
  const where = append ? 'DISM /Append-Image' : 'DISM /Capture-Image';
  const argv = [
    'dism.exe',
    append ? '/Append-Image' : '/Capture-Image',
    `/ImageFile:${checkWindowsArgValue(where, 'image file', r.path)}`,
    `/CaptureDir:${checkWindowsArgValue(where, 'capture folder', r.captureDir)}`,
    `/Name:${checkWindowsArgValue(where, 'image name', r.name)}`,
  ];
  if (r.description !== undefined && r.description !== '') {
    argv.push(`/Description:${checkWindowsArgValue(where, 'image description', r.description)}`);
  }
  if (!append) argv.push(...compressionArg(where, r.compression));
  if (r.checkIntegrity) argv.push('/CheckIntegrity');
  return argv;
}

/**
 * `dism.exe /Image:<dir> /Add-Driver /Driver:<path> [/Recurse] [/ForceUnsigned]`: stages drivers into the offline
 * image at `imageDir` (`C:\`); `driverPath` is a folder or one `.inf`.
 * @throws TaskseqError('invalid-input') for an empty value or one with a double quote.
 */
export function renderAddDriver(r: { imageDir: string; driverPath: string; recurse: boolean; forceUnsigned: boolean }): string[] {
  const where = 'DISM /Add-Driver';
  const argv = [
    'dism.exe',
    `/Image:${checkWindowsArgValue(where, 'image folder', r.imageDir)}`,
    '/Add-Driver',
    `/Driver:${checkWindowsArgValue(where, 'driver path', r.driverPath)}`,
  ];
  if (r.recurse) argv.push('/Recurse');
  if (r.forceUnsigned) argv.push('/ForceUnsigned');
  return argv;
}

/** One argument quoted by the MSVCRT rules: backslashes are literal except before the closing quote, so double those. */
function quoteArg(arg: string): string {
  if (arg !== '' && !/[ \t\n\v]/.test(arg)) return arg;
  const trailing = /\\*$/.exec(arg)![0].length;
  return `"${arg}${'\\'.repeat(trailing)}"`;
}

/**
 * Joins argv into the command line Windows' CreateProcess takes, quoted so that the MSVCRT / CommandLineToArgvW
 * rules give back exactly `argv`: an argument that is empty or holds white space is wrapped in double quotes as a
 * whole (`"/ImageFile:D:\My Images\install.wim"`), with its trailing backslashes doubled; other arguments are
 * left as they are.
 * @throws TaskseqError('invalid-input') when an argument contains a double quote or a line break (the message
 *   names the argument's position only, since a caller's argument may be secret).
 */
export function quoteWindowsArgv(argv: string[]): string {
  return argv.map((arg, i) => {
    if (arg.includes('"') || /[\r\n\0]/.test(arg)) {
      throw new TaskseqError('invalid-input', `Windows command line: argument ${i} contains a double quote or a line break, which is not supported`);
    }
    return quoteArg(arg);
  }).join(' ');
}
