import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { InvalidInputError, TaskseqError } from '../../engine/index.ts';
import { workDir } from '../../test/support/harness.ts';
import { lockStateFolder } from './state-folder-lock.ts';
import { resetStateFolder } from './state-folder.ts';

const quiet = { warn: () => {} };
const locked = (e: unknown): boolean => e instanceof TaskseqError && e.code === 'state-folder-locked';

test('a held lock is refused, also within one process; a release lets the next run in and removes what it created', () => {
  const state = join(workDir(), 'a', 'state');
  const lock = lockStateFolder(state, quiet);
  assert.throws(() => lockStateFolder(state, quiet), (e: unknown) => locked(e) && (e as Error).message.includes(`in use by process ${process.pid} on ${hostname()}`));
  lock.release();
  lock.release();
  assert.equal(existsSync(join(state, '..')), false, 'the folders the lock created are gone again');
  const again = lockStateFolder(state, quiet);
  writeFileSync(join(state, 'journal.tsj'), '');
  again.release();
  assert.deepEqual(readdirSync(state), ['journal.tsj'], 'a folder with the run in it stays');
});

test('a lock of another host, or one being written right now, is respected; an old empty one is stale', () => {
  const state = workDir();
  writeFileSync(join(state, 'run.lock'), JSON.stringify({ pid: 1, host: 'other-host', started: '2026-01-01T00:00:00.000Z' }));
  assert.throws(() => lockStateFolder(state, { ...quiet, isAlive: () => false }), (e: unknown) => locked(e) && /process 1 on other-host/.test((e as Error).message));
  writeFileSync(join(state, 'run.lock'), '');
  assert.throws(() => lockStateFolder(state, quiet), (e: unknown) => locked(e) && /in use by another run that is starting/.test((e as Error).message));
  utimesSync(join(state, 'run.lock'), new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
  const warnings: string[] = [];
  lockStateFolder(state, { warn: (l) => warnings.push(l) }).release();
  assert.deepEqual(warnings, [`Took over the lock of the state folder ${state}: it is empty or unreadable (a run that crashed while taking it)`]);
});

test('a lock from before this computer restarted is stale even when its pid is alive now', () => {
  const state = workDir();
  writeFileSync(join(state, 'run.lock'), JSON.stringify({ pid: process.pid, host: hostname(), started: '2026-01-01T00:00:00.000Z', boot: 'an-earlier-boot' }));
  const warnings: string[] = [];
  const lock = lockStateFolder(state, { warn: (l) => warnings.push(l) });
  lock.release();
  // Without a boot id (not Linux) the live pid is respected instead.
  if (existsSync('/proc/sys/kernel/random/boot_id')) assert.match(warnings[0], /ran before this computer restarted/);
});

test('--reset keeps the lock; a state folder path that is a file is invalid input', () => {
  const state = workDir();
  const lock = lockStateFolder(state, quiet);
  mkdirSync(join(state, 'machine'));
  writeFileSync(join(state, 'journal.tsj'), 'x');
  resetStateFolder(state);
  assert.deepEqual(readdirSync(state), ['run.lock']);
  lock.release();
  const file = join(state, 'file');
  writeFileSync(file, '');
  assert.throws(() => lockStateFolder(file, quiet), (e: unknown) => e instanceof InvalidInputError && e.message === `--state-dir ${file}: is a file, not a folder`);
});
