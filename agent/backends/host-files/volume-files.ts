/**
 * Files of a simulated volume, kept in a host folder. Windows paths are case-insensitive, so lookups match each
 * segment case-insensitively; new files and folders keep the spelling they were written with. A file of a given
 * size is a sparse file: it costs no space on the host. Paths are mapped by the confinement rule
 * (`paths/path-confinement.ts`) and symbolic links in the folder are never followed (`paths/no-follow.ts`).
 */
import { readdirSync, readFileSync, rmSync, mkdirSync, lstatSync } from 'node:fs';
import { join } from 'node:path';
import { volumeSegments } from './path-confinement.ts';
import { entryKind, makeFoldersNoFollow, walkNoFollow, writeFileNoFollow } from './no-follow.ts';

/**
 * Segments of a path inside a volume: `Windows\System32` or `C:\Windows\System32` -> `['Windows', 'System32']`.
 * `field` names where the path came from (a variable or option) in the error.
 * @throws InvalidInputError for `..`, `.` and other names the confinement rule refuses
 */
export function splitVolumePath(path: string, field = 'path'): string[] {
  return volumeSegments(path, field);
}

/**
 * The host path of an existing entry (segments matched case-insensitively), or undefined. Only real folders are
 * gone through: a link on the way hides what is "below" it. The entry itself may be a link (see {@link entryKind}).
 */
export function findEntry(root: string, segments: readonly string[]): string | undefined {
  if (entryKind(root) !== 'folder' && segments.length > 0) return undefined;
  let current = root;
  for (const segment of segments) {
    if (entryKind(current) !== 'folder') return undefined;
    const want = segment.toLowerCase();
    const hit = readdirSync(current).find((name) => name.toLowerCase() === want);
    if (hit === undefined) return undefined;
    current = join(current, hit);
  }
  return entryKind(current) === undefined ? undefined : current;
}

/** The host path of an existing real folder (not a link to one), or undefined. */
export function findFolder(root: string, segments: readonly string[]): string | undefined {
  const hit = findEntry(root, segments);
  return hit !== undefined && entryKind(hit) === 'folder' ? hit : undefined;
}

/** The host path of an existing regular file (not a link to one), or undefined. */
export function findFile(root: string, segments: readonly string[]): string | undefined {
  const hit = findEntry(root, segments);
  return hit !== undefined && entryKind(hit) === 'file' ? hit : undefined;
}

const shown = (segments: readonly string[]) => segments.join('\\') || '\\';

/** The host path for writing: existing segments keep their spelling, missing ones take the given spelling. */
export function placeFor(root: string, segments: readonly string[]): string {
  let current = root;
  for (const segment of segments) current = findEntry(current, [segment]) ?? join(current, segment);
  return current;
}

/** Bytes used by the files below `folder` (logical sizes, so sparse files count fully; a link counts as itself). */
export function usedBytesOf(folder: string): number {
  return walkNoFollow(folder).reduce((total, e) => total + e.size, 0);
}

/** Size of an existing regular file, 0 when absent, a folder or a link. */
export function fileSizeOf(root: string, segments: readonly string[]): number {
  const hit = findFile(root, segments);
  return hit ? lstatSync(hit).size : 0;
}

/**
 * Writes a file: text content, or a sparse file of `sizeBytes`. Creates missing folders.
 * @throws TaskseqError('unsupported') when a link is on the way or in the file's place
 */
export function putFile(root: string, segments: readonly string[], data: { sizeBytes: number } | { content: string }): void {
  mkdirSync(root, { recursive: true });
  writeFileNoFollow(root, placeFor(root, segments), 'content' in data ? data.content : data, shown(segments));
}

/**
 * Creates a folder (and its parents).
 * @throws TaskseqError('unsupported') when a link is on the way
 */
export function putFolder(root: string, segments: readonly string[]): void {
  makeFoldersNoFollow(root, placeFor(root, segments), shown(segments));
}

/** A regular file's text; undefined when absent, a folder or a link. */
export function readText(root: string, segments: readonly string[]): string | undefined {
  const hit = findFile(root, segments);
  return hit ? readFileSync(hit, 'utf8') : undefined;
}

/** Removes a file, a link (not what it points to) or a folder with its contents; true when something was removed. */
export function removeEntry(root: string, segments: readonly string[]): boolean {
  const hit = segments.length > 0 ? findEntry(root, segments) : undefined;
  if (!hit) return false;
  // rm does not follow links below the folder it removes: they go as links.
  rmSync(hit, { recursive: true, force: true });
  return true;
}

/** Names in a real folder (`[]` when it does not exist or is a link), sorted. */
export function listNames(root: string, segments: readonly string[]): string[] {
  const hit = findFolder(root, segments);
  return hit ? readdirSync(hit).sort() : [];
}

/** Empties (or creates) a volume folder: a format. */
export function resetFolder(root: string): void {
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
}
