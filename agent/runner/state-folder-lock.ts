/**
 * One run per state folder: `<state>/run.lock`, created exclusively (`wx`) before anything in the folder is read or
 * written, holding the pid, host, start time and boot of the run that owns it. A lock whose process is gone (same host,
 * the pid is not alive, or the host has booted since) is stale and is taken over with a warning; a live one is refused.
 * Own code rather than proper-lockfile: see docs/dependencies.md.
 */
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, rmdirSync, rmSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { TaskseqError } from '../../engine/index.ts';
import { createOutputFolders } from '../output/output-folders.ts';

export const LOCK_FILE = 'run.lock';

/** What a lock file says about its owner. */
export interface LockOwner {
  pid: number;
  host: string;
  /** ISO-8601. */
  started: string;
  /** Linux boot id of the owner's boot, when the system has one. */
  boot?: string;
}

export interface StateFolderLock {
  readonly file: string;
  /** Removes the lock (and the state folder when the lock created it and nothing else was put there). Idempotent. */
  release(): void;
}

export interface LockOptions {
  /** Warning lines (a stale lock taken over). */
  warn: (line: string) => void;
  /** For tests: whether a pid is alive on this host. */
  isAlive?: (pid: number) => boolean;
}

/** A lock file being written right now looks empty for a moment; one still empty after this long was left by a crash. */
const EMPTY_GRACE_MS = 5_000;
const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

function bootId(): string | undefined {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim() || undefined;
  } catch {
    return undefined;
  }
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function lockedError(stateDir: string, file: string, owner: LockOwner | undefined): TaskseqError {
  const who = owner ? `process ${owner.pid} on ${owner.host} (started ${owner.started})` : 'another run that is starting';
  return new TaskseqError('state-folder-locked',
    `the state folder ${stateDir} is in use by ${who}: only one run at a time may use a state folder. Wait for it to end, or give another --state-dir; if that process is certainly gone, delete ${file}`);
}

/** The lock file's text, or undefined when it is gone. */
function readLock(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

function parseOwner(text: string): LockOwner | 'empty' {
  try {
    const o = JSON.parse(text) as LockOwner;
    return Number.isInteger(o.pid) && typeof o.host === 'string' ? o : 'empty';
  } catch {
    return 'empty';
  }
}

/** Creates the lock file with our owner record; false when it already exists. */
function tryCreate(file: string, owner: LockOwner): boolean {
  let fd: number;
  try {
    fd = openSync(file, 'wx', 0o644);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
  try {
    writeSync(fd, JSON.stringify(owner) + '\n');
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return true;
}

/** Why the lock's owner is certainly gone, or undefined when it may still run (and the lock must be respected). */
function staleReason(file: string, owner: LockOwner | 'empty', isAlive: (pid: number) => boolean): string | undefined {
  if (owner === 'empty') {
    const age = Date.now() - statSync(file).mtimeMs;
    return age > EMPTY_GRACE_MS ? 'it is empty or unreadable (a run that crashed while taking it)' : undefined;
  }
  if (owner.host !== hostname()) return undefined;
  const boot = bootId();
  if (owner.boot && boot && owner.boot !== boot) return `process ${owner.pid} ran before this computer restarted`;
  return isAlive(owner.pid) ? undefined : `process ${owner.pid} is no longer running`;
}

/**
 * Takes over a stale lock. A second file, created exclusively, makes the check-and-replace one step: without it two
 * runs that both found the same stale lock could each remove the other's fresh one.
 */
function takeOver(file: string, seen: string, owner: LockOwner): boolean {
  const guard = `${file}.takeover`;
  if (!tryCreate(guard, owner)) {
    if (existsSync(guard) && Date.now() - statSync(guard).mtimeMs > EMPTY_GRACE_MS) rmSync(guard, { force: true });
    return false;
  }
  try {
    if (readLock(file) !== seen) return tryCreate(file, owner);
    unlinkSync(file);
    return tryCreate(file, owner);
  } finally {
    rmSync(guard, { force: true });
  }
}

/** Creates the state folder with the same checks as every output folder; the outermost folder it made, if any. */
function checkFolder(stateDir: string): string | undefined {
  return createOutputFolders([{ option: '--state-dir', path: stateDir }]).created[0];
}

/**
 * Takes the state folder's lock, creating the folder when needed; held until {@link StateFolderLock.release}, which
 * also runs on process exit and on SIGINT, SIGTERM and SIGHUP (the signal then ends the process as it would have).
 * A release also removes the folders this call created, when nothing but the lock was put in them.
 * @throws TaskseqError('state-folder-locked') naming the folder and the pid holding it; InvalidInputError when the
 *   state folder path is a file
 */
export function lockStateFolder(stateDir: string, options: LockOptions): StateFolderLock {
  const created = checkFolder(stateDir);
  const file = join(stateDir, LOCK_FILE);
  const boot = bootId();
  const owner: LockOwner = { pid: process.pid, host: hostname(), started: new Date().toISOString(), ...(boot ? { boot } : {}) };
  // Listening before the file exists: a signal between creating and listening would leave a live-looking lock.
  const lock = holdLock(stateDir, file, created, JSON.stringify(owner) + '\n');
  try {
    if (!acquire(stateDir, file, owner, options)) {
      const text = readLock(file);
      const holder = text === undefined ? 'empty' : parseOwner(text);
      throw lockedError(stateDir, file, holder === 'empty' ? undefined : holder);
    }
  } catch (e) {
    lock.release();
    throw e;
  }
  return lock;
}

/** Creates the lock, or takes over a stale one; false when it kept changing hands. @throws when it is held */
function acquire(stateDir: string, file: string, owner: LockOwner, options: LockOptions): boolean {
  const isAlive = options.isAlive ?? pidAlive;
  for (let attempt = 0; attempt < 3; attempt++) {
    if (tryCreate(file, owner)) return true;
    const seen = readLock(file);
    if (seen === undefined) continue;
    const holder = parseOwner(seen);
    const stale = staleReason(file, holder, isAlive);
    if (!stale) throw lockedError(stateDir, file, holder === 'empty' ? undefined : holder);
    if (takeOver(file, seen, owner)) {
      options.warn(`Took over the lock of the state folder ${stateDir}: ${stale}`);
      return true;
    }
  }
  return false;
}

/**
 * Releases on exit and on SIGINT, SIGTERM and SIGHUP. Node runs a signal listener only when its event loop turns,
 * so a run must yield to it now and then (the runner does before each command); the listener then ends the process
 * with the same signal, as the default action would have.
 */
function holdLock(stateDir: string, file: string, created: string | undefined, mine: string): StateFolderLock {
  let held = true;
  const release = (): void => {
    if (!held) return;
    held = false;
    process.removeListener('exit', release);
    for (const s of SIGNALS) process.removeListener(s, onSignal);
    try {
      if (readLock(file) === mine) unlinkSync(file);
    } catch {
      // Unreadable or already gone: nothing of ours to release.
    }
    if (created) removeCreatedFolders(stateDir, created);
  };
  function onSignal(signal: NodeJS.Signals): void {
    release();
    // With our listener gone and no other, the signal's default action (ending the process) applies again.
    if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
  }
  process.on('exit', release);
  for (const s of SIGNALS) process.on(s, onSignal);
  return { file, release };
}

/** A refused run leaves no state folder behind: remove the folders the lock created, while they are empty. */
function removeCreatedFolders(stateDir: string, created: string): void {
  const top = resolve(created);
  for (let dir = resolve(stateDir); dir.startsWith(top); dir = dirname(dir)) {
    try {
      rmdirSync(dir);
    } catch {
      return;
    }
    if (dir === top) return;
  }
}
