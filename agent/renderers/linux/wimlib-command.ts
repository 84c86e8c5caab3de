/**
 * Argument lists for `wimlib-imagex` (pure; golden-tested). wimlib parses options anywhere on its command line, so a
 * value from a sequence that begins with `-` (an image named `--dereference`) would be taken as an option. Every
 * list is therefore the command, its options, then `--` and the positional values: after `--` wimlib reads
 * nothing as an option. Option values are attached with `=`, so they cannot be read as options either.
 */
import type { CaptureImageRequest } from '../../../engine/index.ts';
import { TaskseqError } from '../../../engine/index.ts';

/** Marks the end of the options for wimlib-imagex (as for any getopt-style tool). */
export const END_OF_OPTIONS = '--';

export interface ApplyArgsInput {
  /** Host path of the `.wim` or first `.swm`. */
  wim: string;
  index: number;
  /** Host folder to extract into, or (with `ntfsVolume`) the block device of an NTFS volume. */
  targetDir: string;
  /**
   * The target is an NTFS volume's device: wimlib then writes the volume itself through NTFS-3G and keeps security
   * descriptors, alternate data streams and reparse points, so `--no-acls` is not given.
   */
  ntfsVolume?: boolean;
  /** Every part of a split set, first included (only the others are passed as references). */
  parts: readonly string[];
  checkIntegrity: boolean;
}

/** A NUL cannot be passed to a program at all: refuse it here with the field's name rather than fail in spawn. */
function plain(field: string, value: string): string {
  if (value.includes('\0')) throw new TaskseqError('invalid-input', `wimlib-imagex: ${field} contains a NUL character`);
  return value;
}

/**
 * `apply [--no-acls] [--check] [--ref=<part>...] -- <wim> <index> <target>`. Into a plain folder security
 * descriptors mean nothing, and `--no-acls` keeps it working for any user; onto an NTFS device they are kept. Split-set parts are
 * named one by one instead of by a glob, so that another set's parts in the same folder cannot be picked up.
 * @throws TaskseqError('invalid-input') for a value holding a NUL character
 */
export function renderApplyArgs(input: ApplyArgsInput): string[] {
  const options = input.ntfsVolume ? [] : ['--no-acls'];
  if (input.checkIntegrity) options.push('--check');
  for (const part of input.parts.slice(1)) options.push(`--ref=${plain('split part', part)}`);
  return ['apply', ...options, END_OF_OPTIONS, plain('image file', input.wim), String(input.index), plain('target folder', input.targetDir)];
}

/** A capture request as wimlib sees it: host folders and files instead of drive letters. */
export interface CaptureArgsInput extends Pick<CaptureImageRequest, 'mode' | 'name' | 'description' | 'creator' | 'version' | 'compression'> {
  sourceDir: string;
  wim: string;
  checkIntegrity: boolean;
}

const COMPRESSION_ARG = { none: 'none', xpress: 'XPRESS', lzx: 'LZX' } as const;

/**
 * `capture|append [--compress=..] [--check] [--image-property=..] -- <dir> <wim> <name> [<description>]`. The
 * creator and version go into the image's XML as the custom elements `CREATOR` and `IMAGEVERSION`. New files
 * default to LZX, as wimlib and DISM's `/Compress:max` do. Links in the source are captured as links: no option
 * that follows them (`--dereference`) is ever rendered, and none can come in through a value.
 * @throws TaskseqError('invalid-input') for a value holding a NUL character
 */
export function renderCaptureArgs(input: CaptureArgsInput): string[] {
  const options: string[] = [];
  if (input.mode === 'create') options.push(`--compress=${COMPRESSION_ARG[input.compression ?? 'lzx']}`);
  if (input.checkIntegrity) options.push('--check');
  if (input.creator) options.push(`--image-property=CREATOR=${plain('image creator', input.creator)}`);
  if (input.version) options.push(`--image-property=IMAGEVERSION=${plain('image version', input.version)}`);
  const positional = [plain('source folder', input.sourceDir), plain('image file', input.wim), plain('image name', input.name)];
  if (input.description !== undefined && input.description !== '') positional.push(plain('image description', input.description));
  return [input.mode === 'append' ? 'append' : 'capture', ...options, END_OF_OPTIONS, ...positional];
}
