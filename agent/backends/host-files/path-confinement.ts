/**
 * The confinement rule of the simulated machine: how a Windows path that comes from a sequence (a drive path
 * `C:\Users\alice` or a share `\\server\share\folder`) becomes a host path, and why it can never leave the folder
 * that stands for its volume or share. Every segment is checked on its own (a name, never a way to move up or
 * sideways), and the joined host path is checked again against its root, so that a rule missed in the segments
 * still cannot reach the host.
 */
import { isAbsolute, join, relative, resolve } from 'node:path';
import { InvalidInputError } from '../../../engine/index.ts';

/** A Windows path split into where it lives and the names below that. */
export type WindowsLocation =
  | { kind: 'drive'; letter: string; segments: string[] }
  | { kind: 'share'; server: string; share: string; segments: string[] };

// Windows refuses these characters in names; `:` also stands for drive-relative and alternate-stream tricks.
const FORBIDDEN = /[<>:"|?*\u0000-\u001f]/;

function refuse(field: string, path: string, why: string): never {
  throw new InvalidInputError(`${field} ${path}: ${why}`);
}

/**
 * Why `segment` cannot be one name of a path, or undefined when it can. Windows strips trailing dots and spaces, so
 * `.. ` and `...` would climb on a real machine: a name made only of dots, or ending in a dot or space, is refused.
 */
export function segmentProblem(segment: string): string | undefined {
  if (segment === '') return 'an empty name';
  if (/^[. ]+$/.test(segment)) return `'${segment}' (a name of dots, which would leave the folder)`;
  if (/[. ]$/.test(segment)) return `'${segment}' (Windows drops a trailing dot or space, so the name is not what it says)`;
  if (segment.includes('/') || segment.includes('\\')) return `'${segment}' (a separator inside a name)`;
  if (FORBIDDEN.test(segment)) return `'${segment}' (a character Windows does not allow in names)`;
  return undefined;
}

/**
 * Checks each name of a path (already split).
 * @throws InvalidInputError naming `field` and `path` for the first name that is not allowed
 */
export function checkSegments(segments: readonly string[], field: string, path: string): void {
  for (const s of segments) {
    const problem = segmentProblem(s);
    if (problem) refuse(field, path, `${problem} is not allowed in a path`);
  }
}

/**
 * The names below a volume's root: `Windows\System32`, `\Windows\System32` and `C:\Windows\System32` all give
 * `['Windows', 'System32']`. Both separators split, repeated separators count as one (as Windows reads them).
 * @throws InvalidInputError for a name {@link segmentProblem} refuses
 */
export function volumeSegments(path: string, field = 'path'): string[] {
  return namesOf(path.trim().replace(/^[A-Za-z]:/, ''), field, path);
}

/** The checked names of `rest` (a part of `path`, which the error shows whole). */
function namesOf(rest: string, field: string, path: string): string[] {
  const segments = rest.split(/[\\/]+/).filter((s) => s !== '');
  checkSegments(segments, field, path);
  return segments;
}

/**
 * Where a full Windows path lives: on a drive (`C:\...`) or on a share (`\\server\share\...`). Drive-relative
 * (`C:folder`), rooted (`\folder`), relative and device paths (`\\?\`, `\\.\`) are refused: each names a place that
 * depends on a current folder or bypasses the names.
 * @throws InvalidInputError naming `field` and `path`
 */
export function parseWindowsPath(path: string, field: string): WindowsLocation {
  const text = path.trim();
  if (text.includes('\0')) refuse(field, path, 'a NUL character is not allowed in a path');
  if (/^[\\/]{2}/.test(text)) {
    const [server = '', share = '', ...rest] = text.slice(2).split('\\');
    if (server === '?' || server === '.') refuse(field, path, 'a device path (\\\\?\\ or \\\\.\\) is not a share');
    if (server === '' || share === '') refuse(field, path, 'a share path needs a server and a share name (\\\\server\\share)');
    for (const [what, name] of [['server', server], ['share', share]] as const) {
      const problem = segmentProblem(name);
      if (problem) refuse(field, path, `the ${what} name ${problem} is not allowed`);
    }
    return { kind: 'share', server, share, segments: namesOf(rest.join('\\'), field, path) };
  }
  const drive = /^([A-Za-z]):(.*)$/.exec(text);
  if (!drive) refuse(field, path, 'expected a full path on a drive (C:\\folder) or a share (\\\\server\\share\\folder)');
  if (drive[2] !== '' && !/^[\\/]/.test(drive[2])) refuse(field, path, `a drive-relative path (${drive[1]}: without \\) is not allowed`);
  return { kind: 'drive', letter: `${drive[1].toUpperCase()}:`, segments: namesOf(drive[2], field, path) };
}

/** True when `hostPath`, once resolved, is `root` or lies below it. */
export function isInside(root: string, hostPath: string): boolean {
  const rel = relative(resolve(root), resolve(hostPath));
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/**
 * `root` joined with checked names, verified again after resolution.
 * @throws InvalidInputError naming `field` and `path` when a name is refused or the result is outside `root`
 */
export function confinedJoin(root: string, segments: readonly string[], field: string, path: string): string {
  checkSegments(segments, field, path);
  const host = join(root, ...segments);
  if (!isInside(root, host)) refuse(field, path, 'the path leads outside its volume or share');
  return host;
}
