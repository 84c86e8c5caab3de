/**
 * Files of a simulated volume, kept in a host folder. Windows paths are case-insensitive, so lookups match each
 * segment case-insensitively; new files and folders keep the spelling they were written with. A file of a given
 * size is a sparse file: it costs no space on the host.
 */
import {
  closeSync, existsSync, ftruncateSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { InvalidInputError } from '../../../../engine/index.ts';

/**
 * Segments of a path inside a volume: `Windows\System32` or `C:\Windows\System32` -> `['Windows', 'System32']`.
 * @throws InvalidInputError for `..` segments or characters Windows does not allow in names
 */
export function splitVolumePath(path: string): string[] {
  const rest = path.trim().replace(/^[A-Za-z]:/, '');
  const segments = rest.split(/[\\/]+/).filter((s) => s !== '' && s !== '.');
  for (const s of segments) {
    if (s === '..' || /[<>:"|?*\u0000-\u001f]/.test(s)) {
      throw new InvalidInputError(`path ${path}: '${s}' is not allowed in a volume path`);
    }
  }
  return segments;
}

/** The host path of an existing entry (segments matched case-insensitively), or undefined. */
export function findEntry(root: string, segments: readonly string[]): string | undefined {
  let current = root;
  for (const segment of segments) {
    if (!existsSync(current) || !statSync(current).isDirectory()) return undefined;
    const want = segment.toLowerCase();
    const hit = readdirSync(current).find((name) => name.toLowerCase() === want);
    if (hit === undefined) return undefined;
    current = join(current, hit);
  }
  return existsSync(current) ? current : undefined;
}

/** The host path for writing: existing segments keep their spelling, missing folders are created. */
function placeFor(root: string, segments: readonly string[]): string {
  let current = root;
  segments.forEach((segment, i) => {
    const hit = findEntry(current, [segment]);
    current = hit ?? join(current, segment);
    if (i < segments.length - 1 && !hit) mkdirSync(current, { recursive: true });
  });
  return current;
}

/** Bytes used by the files below `folder` (logical sizes, so sparse files count fully). */
export function usedBytesOf(folder: string): number {
  if (!existsSync(folder)) return 0;
  let total = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const full = join(folder, entry.name);
    total += entry.isDirectory() ? usedBytesOf(full) : statSync(full).size;
  }
  return total;
}

/** Size of an existing file, 0 when absent or a folder. */
export function fileSizeOf(root: string, segments: readonly string[]): number {
  const hit = findEntry(root, segments);
  return hit && statSync(hit).isFile() ? statSync(hit).size : 0;
}

/** Writes a file: text content, or a sparse file of `sizeBytes`. Creates missing folders. */
export function putFile(root: string, segments: readonly string[], data: { sizeBytes: number } | { content: string }): void {
  mkdirSync(root, { recursive: true });
  const target = placeFor(root, segments);
  if ('content' in data) {
    writeFileSync(target, data.content);
    return;
  }
  const fd = openSync(target, 'w');
  try {
    ftruncateSync(fd, data.sizeBytes);
  } finally {
    closeSync(fd);
  }
}

/** Creates a folder (and its parents). */
export function putFolder(root: string, segments: readonly string[]): void {
  mkdirSync(root, { recursive: true });
  mkdirSync(placeFor(root, segments), { recursive: true });
}

export function readText(root: string, segments: readonly string[]): string | undefined {
  const hit = findEntry(root, segments);
  return hit && statSync(hit).isFile() ? readFileSync(hit, 'utf8') : undefined;
}

/** Removes a file or a folder with its contents; true when something was removed. */
export function removeEntry(root: string, segments: readonly string[]): boolean {
  const hit = segments.length > 0 ? findEntry(root, segments) : undefined;
  if (!hit) return false;
  rmSync(hit, { recursive: true, force: true });
  return true;
}

/** Names in a folder (`[]` when it does not exist), sorted. */
export function listNames(root: string, segments: readonly string[]): string[] {
  const hit = findEntry(root, segments);
  return hit && statSync(hit).isDirectory() ? readdirSync(hit).sort() : [];
}

/** Empties (or creates) a volume folder: a format. */
export function resetFolder(root: string): void {
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
}
