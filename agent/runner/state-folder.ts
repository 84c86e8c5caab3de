/**
 * The state folder (`--state-dir`): what a run keeps between restarts and for inspection afterwards. This module is
 * the one place that knows its layout; the runner asks a {@link StateFolder} for a path, and what works on a folder
 * before a run holds one (the run's summary, a media run) asks the functions below.
 *
 * ```
 * <state>/run.lock              the run that owns the folder (state-folder-lock.ts)
 * <state>/journal.tsj           the journal; a finished one is archived as journal-ended-<ms>.tsj
 * <state>/journal.key           the key sealing secret values in the journal
 * <state>/machine/              the machine between restarts (removed with a finished journal)
 * <state>/content-cache/        the task sequence cache, unless --cache names another folder
 * <state>/final-machine.json    the machine at the end of the run
 * <state>/status-disabled       status reporting gave up for this deployment
 * <state>/media-content/        the content of a multi-part media, copied together
 * ```
 */
import { existsSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { LOCK_FILE, lockStateFolder } from './state-folder-lock.ts';

/** Every path of a state folder. */
export interface StateFolderLayout {
  readonly dir: string;
  readonly lockFile: string;
  readonly journalFile: string;
  readonly keyFile: string;
  readonly machineDir: string;
  readonly cacheDir: string;
  readonly finalStateFile: string;
  readonly statusDisabledMarker: string;
}

/** A state folder held by this run. */
export interface StateFolder extends StateFolderLayout {
  /** `--reset`: empties the folder but keeps its lock (removing it would let a second run in). */
  reset(): void;
  /** A finished run's journal is kept for inspection; its machine goes, so that running again starts afresh. */
  archiveEndedJournal(): void;
  /** Releases the lock (idempotent); see {@link lockStateFolder}. */
  release(): void;
}

/** The layout of the state folder `dir`; `cacheDir` is the `--cache` folder when one is given. */
export function stateFolderLayout(dir: string, cacheDir?: string): StateFolderLayout {
  return {
    dir, lockFile: join(dir, LOCK_FILE), journalFile: join(dir, 'journal.tsj'), keyFile: join(dir, 'journal.key'),
    machineDir: join(dir, 'machine'), cacheDir: cacheDir ?? join(dir, 'content-cache'),
    finalStateFile: finalStateFile(dir), statusDisabledMarker: join(dir, 'status-disabled'),
  };
}

/** The machine at the end of a run in the state folder `dir` (the profile's JSON form). */
export function finalStateFile(dir: string): string {
  return join(dir, 'final-machine.json');
}

/** Where a multi-part media's content is copied together in the state folder `dir`. */
export function mediaContentDir(dir: string): string {
  return join(dir, 'media-content');
}

/**
 * Opens the state folder for a run: creates it when needed and takes its lock before anything in it is read.
 * @param warn lines from before the log exists (a stale lock taken over)
 * @throws TaskseqError('state-folder-locked') when another run holds it; InvalidInputError when the path is a file
 */
export function openStateFolder(dir: string, cacheDir: string | undefined, warn: (line: string) => void): StateFolder {
  const layout = stateFolderLayout(dir, cacheDir);
  const lock = lockStateFolder(dir, { warn });
  return {
    ...layout,
    reset: () => resetStateFolder(dir),
    archiveEndedJournal: () => archiveEndedJournal(layout),
    release: () => lock.release(),
  };
}

/** Empties the state folder `dir`, all but its lock. */
export function resetStateFolder(dir: string): void {
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir)) {
    if (name !== LOCK_FILE) rmSync(join(dir, name), { recursive: true, force: true });
  }
}

function archiveEndedJournal(layout: StateFolderLayout): void {
  if (!existsSync(layout.journalFile)) return;
  renameSync(layout.journalFile, layout.journalFile.replace(/\.tsj$/, `-ended-${Date.now()}.tsj`));
  rmSync(layout.machineDir, { recursive: true, force: true });
}
