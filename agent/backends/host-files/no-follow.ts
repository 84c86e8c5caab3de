/**
 * File access inside a volume or share folder that never follows a symbolic link. An applied image can carry links
 * (wimlib recreates them on the host, pointing wherever the image says); on a real machine such a reparse point is
 * resolved by Windows against that machine's own drives, never against the host running this simulation. So a link
 * here is an entry of its own: it can be seen, listed, removed and captured again, but nothing is written through
 * it, read through it, or walked below it.
 */
import {
  closeSync, constants, copyFileSync, ftruncateSync, lstatSync, mkdirSync, openSync, readdirSync, realpathSync, rmSync, writeSync,
  type Stats,
} from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { TaskseqError } from '../../../engine/index.ts';
import { isInside } from './path-confinement.ts';

export type EntryKind = 'file' | 'folder' | 'link' | 'other';

/** The entry's own kind (a link is `link`, whatever it points to), or undefined when nothing is there. */
export function entryKind(hostPath: string): EntryKind | undefined {
  const s = lstatSync(hostPath, { throwIfNoEntry: false });
  return s === undefined ? undefined : kindOf(s);
}

function kindOf(s: Stats): EntryKind {
  return s.isSymbolicLink() ? 'link' : s.isDirectory() ? 'folder' : s.isFile() ? 'file' : 'other';
}

/** `Windows\Panther` for messages: the part of `hostPath` below `root`, in Windows form. */
export function shownBelow(root: string, hostPath: string): string {
  return relative(root, hostPath).split(sep).join('\\') || '\\';
}

function linkRefused(root: string, link: string, what: string, verb = 'write'): TaskseqError {
  return new TaskseqError('unsupported',
    `cannot ${verb} ${what}: ${shownBelow(root, link)} is a symbolic link, which taskseq does not follow on any machine`);
}

/**
 * Checks that every component of `hostPath` below `root` that exists is a real folder (the last one may be a file
 * or missing) and that the deepest existing one resolves inside `root`. `verb` (`write`, `read`) goes into the error.
 * @throws TaskseqError('unsupported') naming `what` and the first link (or non-folder) on the way
 */
export function checkNoLinks(root: string, hostPath: string, what: string, verb = 'write'): void {
  const parts = relative(root, hostPath).split(sep).filter(Boolean);
  if (!isInside(root, hostPath)) throw new TaskseqError('unsupported', `cannot ${verb} ${what}: it is outside its volume`);
  let current = root;
  for (const [i, part] of parts.entries()) {
    current = join(current, part);
    const kind = entryKind(current);
    if (kind === undefined) break;
    if (kind === 'link') throw linkRefused(root, current, what, verb);
    if (i < parts.length - 1 && kind !== 'folder') {
      throw new TaskseqError('unsupported', `cannot ${verb} ${what}: ${shownBelow(root, current)} is not a folder`);
    }
  }
  let existing = hostPath;
  while (entryKind(existing) === undefined && existing !== root) existing = dirname(existing);
  // A second look after resolution: whatever the component checks missed, the real place must be in the real root.
  if (!isInside(realpathSync(root), realpathSync(existing))) {
    throw new TaskseqError('unsupported', `cannot ${verb} ${what}: it resolves outside its volume`);
  }
}

/**
 * Creates the folder `hostPath` and its missing parents below `root`, one level at a time, refusing links.
 * @throws TaskseqError('unsupported') as {@link checkNoLinks}
 */
export function makeFoldersNoFollow(root: string, hostPath: string, what: string): void {
  mkdirSync(root, { recursive: true });
  checkNoLinks(root, hostPath, what);
  let current = root;
  for (const part of relative(root, hostPath).split(sep).filter(Boolean)) {
    current = join(current, part);
    const kind = entryKind(current);
    if (kind === undefined) mkdirSync(current);
    else if (kind === 'link') throw linkRefused(root, current, what);
    else if (kind !== 'folder') throw new TaskseqError('unsupported', `cannot write ${what}: ${shownBelow(root, current)} is not a folder`);
  }
}

/**
 * Writes (creates or truncates) the file `hostPath` below `root`: bytes, or a sparse file of `sizeBytes`. Parents are
 * created as by {@link makeFoldersNoFollow}; the file itself is opened with `O_NOFOLLOW`, so a link put in its place
 * after the checks makes the write fail instead of following it.
 * @throws TaskseqError('unsupported') as {@link checkNoLinks}
 */
export function writeFileNoFollow(root: string, hostPath: string, data: Uint8Array | string | { sizeBytes: number }, what: string): void {
  makeFoldersNoFollow(root, dirname(hostPath), what);
  checkNoLinks(root, hostPath, what);
  let fd: number;
  try {
    fd = openSync(hostPath, constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | constants.O_NOFOLLOW, 0o666);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ELOOP') throw linkRefused(root, hostPath, what);
    throw e;
  }
  try {
    if (typeof data === 'object' && 'sizeBytes' in data) {
      ftruncateSync(fd, data.sizeBytes);
    } else {
      const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
      let done = 0;
      while (done < bytes.length) done += writeSync(fd, bytes, done, bytes.length - done);
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * Copies the host file `from` to `hostPath` below `root` (replacing a file there). The copy is made with
 * `COPYFILE_EXCL` after the old file is removed, so it creates a new file and cannot write through a link.
 * @throws TaskseqError('unsupported') as {@link checkNoLinks}
 */
export function copyFileNoFollow(root: string, from: string, hostPath: string, what: string): void {
  makeFoldersNoFollow(root, dirname(hostPath), what);
  checkNoLinks(root, hostPath, what);
  if (entryKind(hostPath) === 'file') rmSync(hostPath);
  try {
    copyFileSync(from, hostPath, constants.COPYFILE_EXCL);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') throw linkRefused(root, hostPath, what);
    throw e;
  }
}

/** One entry met by {@link walkNoFollow}, with its own size (a link's size is that of its target text). */
export interface WalkedEntry {
  path: string;
  kind: EntryKind;
  size: number;
}

/**
 * Every entry below `folder`, depth first in name order; folders come before their contents. Links are reported and
 * never descended into, whatever they point to. A folder that cannot be read is skipped.
 */
export function walkNoFollow(folder: string): WalkedEntry[] {
  const out: WalkedEntry[] = [];
  let names: string[];
  try {
    names = readdirSync(folder).sort();
  } catch {
    return out;
  }
  for (const name of names) {
    const path = join(folder, name);
    const s = lstatSync(path, { throwIfNoEntry: false });
    if (!s) continue;
    const kind = kindOf(s);
    out.push({ path, kind, size: kind === 'folder' ? 0 : s.size });
    if (kind === 'folder') out.push(...walkNoFollow(path));
  }
  return out;
}
