/**
 * The folders a command writes to (`--out`, `--state-dir`, `--log-dir`, `--cache`): checked before anything runs, and
 * created a level at a time with a bound, so that a mistyped path is a clear invalid-input error naming the option
 * and the path instead of a stack of `ENOTDIR`/`EEXIST` from deep inside a run.
 *
 * Node's `mkdir(..., { recursive: true })` is never used for these: on a file system that answers ENOENT for a new
 * folder whose parent exists (procfs, sysfs, a dangling mount) it creates the parent, finds it exists, retries the
 * child and loops forever, so `--log-dir /proc/nope` hung the run. A plain `mkdir` of one level reports that error.
 */
import { accessSync, constants, lstatSync, mkdirSync, rmdirSync, statSync, writeFileSync, type Stats } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { InvalidInputError, type Problem } from '../../engine/index.ts';

/** How many missing folders an output option may create; more is almost always a typo in the path. */
export const MAX_MISSING_LEVELS = 3;

/** An option naming a folder (or file) the command writes, e.g. `{ option: '--log-dir', path: '.taskseq/logs' }`. */
export interface OutputPath {
  option: string;
  path: string;
}

/** Folders one `createOutputFolders` call made (deepest last), and a way to remove them again. */
export interface CreatedFolders {
  created: string[];
  /** Removes the created folders that are still empty (deepest first); never throws. */
  undo(): void;
}

const REASONS: Readonly<Record<string, string>> = {
  EACCES: 'permission denied', EPERM: 'operation not permitted', EROFS: 'read-only file system',
  ENOSPC: 'no space left on the device', EDQUOT: 'disk quota exceeded', ENAMETOOLONG: 'the name is too long',
  ENOENT: 'the file system takes no new folders there', ENOTDIR: 'a part of the path is not a folder',
  EEXIST: 'a file of that name is in the way', EINVAL: 'the name is not allowed there', ELOOP: 'too many symbolic links',
};

function reason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException)?.code;
  if (code && REASONS[code]) return `${REASONS[code]} (${code})`;
  return code ?? (e as Error)?.message ?? String(e);
}

function problem(option: string, path: string, message: string): Problem {
  return { severity: 'error', code: 'bad-output-path', field: option, file: path, message };
}

/** The one line the user reads for a problem found here: `--state-dir /tmp/f: is a file, not a folder`. */
export function outputProblemText(p: Problem): string {
  return `${p.field} ${p.file}: ${p.message}`;
}

function lstatOrNull(p: string): Stats | null {
  try {
    return lstatSync(p);
  } catch {
    return null;
  }
}

function statSafe(p: string): Stats | null {
  try {
    return statSync(p);
  } catch {
    return null;
  }
}

/** The nearest existing path at or above `path`, and the missing folders below it (outermost first). */
function nearestExisting(path: string): { existing: string; missing: string[] } {
  const missing: string[] = [];
  let p = resolve(path);
  while (lstatOrNull(p) === null) {
    const up = dirname(p);
    if (up === p) break;
    missing.unshift(p);
    p = up;
  }
  return { existing: p, missing };
}

/** Why `existing` (an existing path) cannot hold folders, or undefined. `self`: it is the option's own path. */
function notAFolder(existing: string, self: boolean): string | undefined {
  let stat: Stats;
  try {
    stat = statSync(existing);
  } catch {
    return self ? 'is a broken link' : `${existing} is a broken link`;
  }
  if (stat.isDirectory()) return undefined;
  return self ? 'is a file, not a folder' : `${existing} is a file, not a folder`;
}

function notWritable(dir: string): string | undefined {
  try {
    accessSync(dir, constants.W_OK);
    return undefined;
  } catch (e) {
    return reason(e);
  }
}

/**
 * What is wrong with a folder option, without touching the disk: a file where a folder is (the path or a parent),
 * more than {@link MAX_MISSING_LEVELS} missing folders, or a folder this process cannot write in. Empty when usable.
 */
export function outputFolderProblems(option: string, path: string): Problem[] {
  const { existing, missing } = nearestExisting(path);
  const wrong = notAFolder(existing, missing.length === 0);
  if (wrong) return [problem(option, path, wrong)];
  if (missing.length > MAX_MISSING_LEVELS) {
    return [problem(option, path, `${missing.length} folders are missing (from ${missing[0]}); at most ${MAX_MISSING_LEVELS} are created: check the path or create ${missing[0]} first`)];
  }
  const denied = notWritable(existing);
  if (denied) return [problem(option, path, missing.length ? `cannot create folders in ${existing}: ${denied}` : `cannot write in the folder: ${denied}`)];
  return [];
}

/**
 * What is wrong with a file option (`convert --out FILE`): its folder must exist (a single output file never creates
 * folders) and be writable, and the path must not be a folder. Empty when usable.
 */
export function outputFileProblems(option: string, path: string): Problem[] {
  const stat = statSafe(path);
  if (stat?.isDirectory()) return [problem(option, path, 'is a folder, not a file')];
  const folder = dirname(resolve(path));
  const { existing, missing } = nearestExisting(folder);
  const wrong = notAFolder(existing, false);
  if (wrong) return [problem(option, path, wrong)];
  if (missing.length) return [problem(option, path, `the folder ${folder} does not exist`)];
  const denied = notWritable(folder);
  if (denied) return [problem(option, path, `cannot write in ${folder}: ${denied}`)];
  return [];
}

function fail(problems: Problem[]): never {
  throw new InvalidInputError(problems.map(outputProblemText).join('; '), problems);
}

/**
 * Checks every output option before a command does anything.
 * @throws InvalidInputError listing every problem (each message names the option and the path)
 */
export function checkOutputPaths(folders: readonly OutputPath[], files: readonly OutputPath[] = []): void {
  const problems = [...folders.flatMap((f) => outputFolderProblems(f.option, f.path)), ...files.flatMap((f) => outputFileProblems(f.option, f.path))];
  if (problems.length) fail(problems);
}

function undoAll(created: string[]): void {
  for (const dir of [...created].reverse()) {
    try {
      rmdirSync(dir);
    } catch {
      // Not empty any more, or already gone: what is in it is not ours to remove.
    }
  }
}

/** Makes one folder; false when another process made it in the meantime (then it is not ours to undo). */
function createLevel(option: string, path: string, dir: string): boolean {
  try {
    mkdirSync(dir);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST' && statSafe(dir)?.isDirectory()) return false;
    const p = problem(option, path, `cannot create ${dir}: ${reason(e)}`);
    throw new InvalidInputError(outputProblemText(p), [p], e);
  }
}

/**
 * Creates the missing folders of each option, one level at a time (at most {@link MAX_MISSING_LEVELS} per option).
 * On a failure every folder this call made is removed again, so a refused command leaves nothing behind.
 * @throws InvalidInputError naming the option, the path and why (a failing mkdir is reported, never retried)
 */
export function createOutputFolders(folders: readonly OutputPath[]): CreatedFolders {
  const created: string[] = [];
  try {
    for (const { option, path } of folders) {
      const problems = outputFolderProblems(option, path);
      if (problems.length) fail(problems);
      for (const dir of nearestExisting(path).missing) {
        if (createLevel(option, path, dir)) created.push(dir);
      }
    }
  } catch (e) {
    undoAll(created);
    throw e;
  }
  return { created, undo: () => undoAll(created) };
}

/**
 * Writes a file an option names (checked with {@link outputFileProblems} first).
 * @throws InvalidInputError naming the option, the path and why the write failed
 */
export function writeOutputFile(target: OutputPath, data: string | Uint8Array): void {
  try {
    writeFileSync(target.path, data);
  } catch (e) {
    const p = problem(target.option, target.path, `cannot write the file: ${reason(e)}`);
    throw new InvalidInputError(outputProblemText(p), [p], e);
  }
}
