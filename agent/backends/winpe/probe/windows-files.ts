/**
 * File and folder facts of the Windows probe, from the file system through Node: whether the path is a file (or
 * a folder), its last write time, and for a file the version in its version resource.
 */
import { closeSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import type { FileFacts } from '../../../../engine/index.ts';
import { readPeFileVersion } from '../../../formats/pe/pe-file-version.ts';

function statOf(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

/** The file version of the program or library at `path`, or undefined (no version resource, or unreadable). */
export function fileVersionOf(path: string): string | undefined {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return undefined;
  }
  try {
    return readPeFileVersion((offset, length) => {
      const bytes = Buffer.alloc(length);
      return bytes.subarray(0, readSync(fd, bytes, 0, length, offset));
    });
  } catch {
    return undefined; // a file that cannot be read has no version the condition could compare
  } finally {
    closeSync(fd);
  }
}

/** Facts of a file: it exists when the path is a file; version and last write time when there is one. */
export function windowsFileFacts(path: string): FileFacts {
  const s = statOf(path);
  if (!s?.isFile()) return { exists: false };
  const version = fileVersionOf(path);
  return { exists: true, ...(version === undefined ? {} : { version }), modified: s.mtime.toISOString() };
}

/** Facts of a folder: it exists when the path is a folder; its last write time. */
export function windowsFolderFacts(path: string): FileFacts {
  const s = statOf(path);
  return s?.isDirectory() ? { exists: true, modified: s.mtime.toISOString() } : { exists: false };
}
