/**
 * Where `taskseq media build` writes: into the `--out` folder itself, which is never removed or renamed (it is often
 * a USB stick's root or a mount point, where neither is possible). Crash safety comes from staging instead: every
 * file is written under a hidden staging subfolder of `--out`, moved into place, and the media headers
 * (`taskseq-media.json`, part 1's last) are written at the very end, so an interrupted build never looks like a
 * complete media; the staging folder it leaves marks the folder as an unfinished build that `--force` replaces.
 */
import { closeSync, fsyncSync, lstatSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { Problem } from '../../engine/index.ts';
import { outputFolderProblems, outputProblemText } from '../output/output-folders.ts';
import { HEADER_FILE } from '../media/media-format.ts';

/** Names of the staging subfolders; also how a folder left by an interrupted build is recognised. */
export const STAGING_PREFIX = '.taskseq-building-';

// Folders a file system or an OS keeps at a volume's root: they do not make a USB stick or a mount point "not empty",
// and they are never removed.
const FILE_SYSTEM_ENTRIES = new Set(['lost+found', 'system volume information', '$recycle.bin']);

/** The entries of `dir` that belong to whoever wrote there (not to the file system). */
function ownEntries(dir: string): string[] {
  return readdirSync(dir).filter((name) => !FILE_SYSTEM_ENTRIES.has(name.toLowerCase()));
}

function exists(p: string): boolean {
  try {
    lstatSync(p);
    return true;
  } catch {
    return false;
  }
}

// Followed through links: `--out /media/stick` is often one.
function isFolder(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** A media (single folder or set of parts) or what an interrupted build left. */
function holdsMedia(out: string, entries: readonly string[]): boolean {
  return entries.includes(HEADER_FILE) || exists(join(out, 'part1', HEADER_FILE)) || entries.some((e) => e.startsWith(STAGING_PREFIX));
}

function outProblem(out: string, message: string): Problem {
  const p: Problem = { severity: 'error', code: 'bad-output-path', field: '--out', file: out, message };
  return { ...p, message: outputProblemText(p) };
}

/**
 * What stops a build into `out`: a path mistake (see output-folders), a non-empty folder that holds no taskseq
 * media (refused, whatever `force` says), or a media without `force`. Empty when the build may go ahead.
 */
export function outFolderProblems(out: string, force: boolean): Problem[] {
  const path = outputFolderProblems('--out', out).map((p) => ({ ...p, message: outputProblemText(p) }));
  if (path.length || !isFolder(out)) return path;
  const entries = ownEntries(out);
  if (entries.length === 0) return [];
  if (!holdsMedia(out, entries)) return [outProblem(out, 'the folder is not empty and holds no taskseq media: give an empty folder (nothing was changed)')];
  if (!force) return [outProblem(out, 'the folder holds a taskseq media: add --force to replace what is in it (the folder itself is kept)')];
  return [];
}

/**
 * Empties a media folder that {@link outFolderProblems} accepted with `force`, keeping the folder: the headers go
 * first, so that a folder emptied halfway is no longer taken for a complete media.
 */
export function emptyMediaFolder(out: string): void {
  const entries = ownEntries(out);
  const headers = [join(out, HEADER_FILE), ...entries.filter((e) => /^part\d+$/.test(e)).map((e) => join(out, e, HEADER_FILE))];
  for (const h of headers) rmSync(h, { force: true });
  for (const e of entries) rmSync(join(out, e), { recursive: true, force: true });
}

/** Writes a file and flushes it to the device, so that what a later header vouches for is on the disk first. */
export function writeDurably(file: string, bytes: Uint8Array): void {
  const fd = openSync(file, 'w');
  try {
    writeSync(fd, bytes);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** A header to write once everything else is in place: `dir` is relative to the media folder ('' or `partN`). */
export interface FinalFile {
  dir: string;
  name: string;
  bytes: Uint8Array;
}

/**
 * Builds into `<out>/<staging>` with `build`, then moves what it wrote into `out` and writes `last` in order (each
 * durably, through a temporary name). On any failure, everything this call put into `out` is removed again.
 */
export function buildInto(out: string, build: (staging: string) => FinalFile[]): void {
  const staging = join(out, `${STAGING_PREFIX}${process.pid}`);
  const placed: string[] = [];
  try {
    rmSync(staging, { recursive: true, force: true });
    // One level, not recursive: `out` exists by now (the caller created it, bounded).
    mkdirSync(staging);
    const last = build(staging);
    for (const name of readdirSync(staging)) {
      renameSync(join(staging, name), join(out, name));
      placed.push(join(out, name));
    }
    for (const [i, f] of last.entries()) {
      const temp = join(staging, `final-${i}.tmp`);
      writeDurably(temp, f.bytes);
      const target = join(out, f.dir, f.name);
      renameSync(temp, target);
      placed.push(target);
    }
    rmSync(staging, { recursive: true, force: true });
  } catch (e) {
    for (const p of placed.reverse()) rmSync(p, { recursive: true, force: true });
    rmSync(staging, { recursive: true, force: true });
    throw e;
  }
}

