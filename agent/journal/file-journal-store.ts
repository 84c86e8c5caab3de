/**
 * The journal on a local disk: durable appends (write + fdatasync on a kept-open append descriptor) and atomic
 * replacement for compaction (write temp, fsync, rename, fsync the folder).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { InvalidInputError, TaskseqError } from '../../engine/problems.ts';
import type { JournalStore } from '../../engine/ports/journal-store.ts';
import { syncFolder } from './sync-folder.ts';

/** Environment variable read when `killAfterAppends` is not given, so a CLI child process can be crashed. */
export const KILL_AFTER_APPENDS_ENV = 'TASKSEQ_TEST_KILL_AFTER_APPENDS';

export interface FileJournalStoreOptions {
  /**
   * Testing hook for crash tests: right after the n-th durable append the process kills itself with SIGKILL
   * (no exit handlers run). Defaults to the {@link KILL_AFTER_APPENDS_ENV} environment variable; unset = never.
   */
  killAfterAppends?: number;
}

/** A {@link JournalStore} that also counts its durable appends. */
export type FileJournalStore = JournalStore & {
  /** Appends made durable by this store since it was created. */
  appendCount(): number;
};

/**
 * A journal store backed by `file`; creates the folder if missing. The file itself is created by the first
 * append or replace, so `read()` on a fresh store is undefined.
 * @throws TaskseqError `invalid-input` when the kill hook is not a positive whole number, or (from `read`) when the
 *   journal path is a folder; TaskseqError `internal`
 *   (naming the file, with the system error as cause) when the folder cannot be created. Each method throws
 *   TaskseqError `internal` the same way when the disk refuses; a failed append is cut back off the file (best
 *   effort) so that later appends are not hidden behind a torn frame.
 */
export function createFileJournalStore(file: string, options: FileJournalStoreOptions = {}): FileJournalStore {
  const killAfter = options.killAfterAppends ?? parseKillAfterAppends(process.env[KILL_AFTER_APPENDS_ENV]);
  checkKillAfterAppends(killAfter);
  const folder = path.dirname(file);
  const temp = `${file}.tmp`;
  guard('create the journal folder', file, () => fs.mkdirSync(folder, { recursive: true }));
  let fd: number | undefined;
  let appends = 0;

  const closeAppendFd = (): void => {
    if (fd === undefined) return;
    const open = fd;
    fd = undefined;
    fs.closeSync(open);
  };

  return {
    read: () => guard('read the journal', file, () => readIfPresent(file)),

    append(bytes) {
      guard('append to the journal', file, () => {
        fd ??= fs.openSync(file, 'a');
        appendOrCutBack(fd, bytes);
      });
      appends++;
      if (appends === killAfter) process.kill(process.pid, 'SIGKILL');
    },

    replace(bytes) {
      guard('replace the journal', file, () => {
        writeDurably(temp, bytes);
        closeAppendFd();
        fs.renameSync(temp, file);
        syncFolder(folder);
        fd = fs.openSync(file, 'a');
      });
    },

    remove() {
      guard('remove the journal', file, () => {
        closeAppendFd();
        unlinkIfPresent(file);
        unlinkIfPresent(temp);
        syncFolder(folder);
      });
    },

    appendCount: () => appends,
  };
}

/**
 * Parses the kill hook's environment value: undefined when unset or empty.
 * @throws TaskseqError `invalid-input` naming the variable when the value is not a positive integer.
 */
export function parseKillAfterAppends(raw: string | undefined): number | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  if (!/^\s*\d+\s*$/.test(raw)) {
    throw new TaskseqError('invalid-input', `${KILL_AFTER_APPENDS_ENV} must be a positive whole number of appends, got "${raw}"`);
  }
  return Number(raw);
}

function checkKillAfterAppends(n: number | undefined): void {
  if (n === undefined || (Number.isInteger(n) && n > 0)) return;
  throw new TaskseqError('invalid-input', `killAfterAppends (${KILL_AFTER_APPENDS_ENV}) must be a positive whole number of appends, got ${n}`);
}

function guard<T>(action: string, file: string, run: () => T): T {
  try {
    return run();
  } catch (cause) {
    if (cause instanceof TaskseqError) throw cause;
    const reason = (cause as NodeJS.ErrnoException).code ?? (cause as Error).message;
    throw new TaskseqError('internal', `${file}: cannot ${action}: ${reason}`, { cause });
  }
}

function readIfPresent(file: string): Uint8Array | undefined {
  try {
    const buf = fs.readFileSync(file);
    return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    // Something the user put there, not a defect of ours: say what to do instead of failing as an internal error.
    if ((e as NodeJS.ErrnoException).code === 'EISDIR') {
      throw new InvalidInputError(`${file} is a folder, not a journal file: move it away or give another --state-dir`, [
        { severity: 'error', code: 'journal-not-a-file', file, message: 'the journal path is a folder' },
      ], e);
    }
    throw e;
  }
}

function unlinkIfPresent(file: string): void {
  try {
    fs.unlinkSync(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
}

/** Normally one `writeSync`; loops only if the system reports a short write. */
function writeAll(fd: number, bytes: Uint8Array): void {
  let done = 0;
  while (done < bytes.length) done += fs.writeSync(fd, bytes, done, bytes.length - done);
}

function appendOrCutBack(fd: number, bytes: Uint8Array): void {
  const before = fs.fstatSync(fd).size;
  try {
    writeAll(fd, bytes);
    fs.fdatasyncSync(fd);
  } catch (e) {
    try {
      fs.ftruncateSync(fd, before);
    } catch {
      // The original error is the one to report; a torn tail is still detected on read.
    }
    throw e;
  }
}

function writeDurably(file: string, bytes: Uint8Array): void {
  const fd = fs.openSync(file, 'w');
  try {
    writeAll(fd, bytes);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}
