/** Argument lists for `wimlib-imagex` (pure; golden-tested). */
import type { CaptureImageRequest } from '../../../../engine/index.ts';

export interface ApplyArgsInput {
  /** Host path of the `.wim` or first `.swm`. */
  wim: string;
  index: number;
  /** Host folder to extract into. */
  targetDir: string;
  /** Every part of a split set, first included (only the others are passed as references). */
  parts: readonly string[];
  checkIntegrity: boolean;
}

/**
 * `apply <wim> <index> <dir> --no-acls [--check] [--ref=<part>...]`. Extraction is to a plain folder (no NTFS
 * volume), where security descriptors mean nothing: `--no-acls` keeps it working for any user. Split-set parts are
 * named one by one instead of by a glob, so that another set's parts in the same folder cannot be picked up.
 */
export function renderApplyArgs(input: ApplyArgsInput): string[] {
  const args = ['apply', input.wim, String(input.index), input.targetDir, '--no-acls'];
  if (input.checkIntegrity) args.push('--check');
  for (const part of input.parts.slice(1)) args.push(`--ref=${part}`);
  return args;
}

/** A capture request as wimlib sees it: host folders and files instead of drive letters. */
export interface CaptureArgsInput extends Pick<CaptureImageRequest, 'mode' | 'name' | 'description' | 'creator' | 'version' | 'compression'> {
  sourceDir: string;
  wim: string;
  checkIntegrity: boolean;
}

const COMPRESSION_ARG = { none: 'none', xpress: 'XPRESS', lzx: 'LZX' } as const;

/**
 * `capture|append <dir> <wim> <name> [<description>] [--compress=..] [--check] [--image-property ..]`. The creator
 * and version go into the image's XML as the custom elements `CREATOR` and `IMAGEVERSION`. New files default to
 * LZX, as wimlib and DISM's `/Compress:max` do.
 */
export function renderCaptureArgs(input: CaptureArgsInput): string[] {
  const args = [input.mode === 'append' ? 'append' : 'capture', input.sourceDir, input.wim, input.name];
  if (input.description !== undefined && input.description !== '') args.push(input.description);
  if (input.mode === 'create') args.push(`--compress=${COMPRESSION_ARG[input.compression ?? 'lzx']}`);
  if (input.checkIntegrity) args.push('--check');
  if (input.creator) args.push('--image-property', `CREATOR=${input.creator}`);
  if (input.version) args.push('--image-property', `IMAGEVERSION=${input.version}`);
  return args;
}
