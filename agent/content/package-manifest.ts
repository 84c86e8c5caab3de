/**
 * Package manifests (one per content package): which files a package holds, their sizes and SHA-256 hashes. Media
 * policies and deployment sources carry them; every byte the agent uses is checked against them.
 */
import { InvalidInputError, type Problem } from '../../engine/index.ts';

export interface ManifestFile {
  /** Relative to the package folder, `/`-separated. */
  path: string;
  /** Bytes. */
  size: number;
  /** Lowercase hex. */
  sha256: string;
  /** Media part holding the file (multi-part stand-alone media); 1 when absent. */
  part?: number;
}

export interface PackageManifest {
  /** Package id, e.g. `LAB00012` (matched case-insensitively). */
  id: string;
  files: ManifestFile[];
}

/** Package ids become folder names and URL segments: letters, digits, `_` and `-` only. */
export const PACKAGE_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** Package ids are compared case-insensitively everywhere. */
export function packageKey(id: string): string {
  return id.trim().toUpperCase();
}

/** Why a manifest path is refused, or undefined when it is a plain relative path inside the package. */
export function manifestPathProblem(path: string): string | undefined {
  if (path === '') return 'the path is empty';
  if (path.includes('\\')) return 'backslashes are not allowed (paths are "/"-separated)';
  if (/[\u0000-\u001f]/.test(path)) return 'control characters are not allowed';
  if (path.startsWith('/')) return 'absolute paths are not allowed';
  if (/^[A-Za-z]:/.test(path)) return 'drive letters are not allowed';
  if (path.includes(':')) return '":" is not allowed (drive letters, alternate data streams)';
  const segments = path.split('/');
  if (segments.some((s) => s === '..')) return '".." segments are not allowed';
  if (segments.some((s) => s === '' || s === '.')) return 'empty or "." segments are not allowed';
  if (segments.some((s) => /[. ]$/.test(s))) return 'names ending in "." or " " are not allowed (Windows drops them)';
  return undefined;
}

/**
 * Every problem of a list of manifests: unsafe paths, two entries for the same file (Windows paths are
 * case-insensitive), two manifests for one package id.
 * @param where the document the manifests come from, named in each problem (a URL or a file)
 */
export function checkManifests(manifests: readonly PackageManifest[], where: string): Problem[] {
  const problems: Problem[] = [];
  const ids = new Set<string>();
  manifests.forEach((m, i) => {
    const field = `packages/${i}`;
    if (!PACKAGE_ID.test(m.id)) problems.push(problem(where, `${field}/id`, `package id "${m.id}" is refused: use 1-64 letters, digits, "_" or "-"`));
    if (ids.has(packageKey(m.id))) problems.push(problem(where, field, `package ${m.id} is listed twice`));
    ids.add(packageKey(m.id));
    const seen = new Set<string>();
    m.files.forEach((f, j) => {
      const bad = manifestPathProblem(f.path);
      if (bad) problems.push(problem(where, `${field}/files/${j}/path`, `package ${m.id}: entry "${f.path}" is refused: ${bad}`));
      const key = f.path.toLowerCase();
      if (!bad && seen.has(key)) problems.push(problem(where, `${field}/files/${j}/path`, `package ${m.id}: entry "${f.path}" is listed twice`));
      seen.add(key);
    });
  });
  return problems;
}

/**
 * Throws when a manifest list has any problem.
 * @throws InvalidInputError listing every problem, e.g. a path that climbs out of its package folder
 */
export function assertManifests(manifests: readonly PackageManifest[], where: string): void {
  const problems = checkManifests(manifests, where);
  if (problems.length > 0) {
    throw new InvalidInputError(`${where}: ${problems.map((p) => p.message).join('; ')}`, problems);
  }
}

/** Total bytes of a package. */
export function manifestBytes(m: PackageManifest): number {
  return m.files.reduce((n, f) => n + f.size, 0);
}

function problem(file: string, field: string, message: string): Problem {
  return { severity: 'error', code: 'unsafe-manifest', file, field, message };
}
