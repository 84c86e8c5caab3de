import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { workDir } from '../../test/support/harness.ts';
import { openStateFolder, stateFolderLayout } from './state-folder.ts';

const quiet = () => {};

test('the layout names every file and folder of a state folder; --cache moves only the cache', () => {
  assert.deepEqual(stateFolderLayout('state'), {
    dir: 'state', lockFile: join('state', 'run.lock'), journalFile: join('state', 'journal.tsj'), keyFile: join('state', 'journal.key'),
    machineDir: join('state', 'machine'), cacheDir: join('state', 'content-cache'), finalStateFile: join('state', 'final-machine.json'),
    statusDisabledMarker: join('state', 'status-disabled'),
  });
  assert.equal(stateFolderLayout('state', '/srv/cache').cacheDir, '/srv/cache');
});

test('opening takes the lock; reset empties the folder but keeps it; release lets it go', () => {
  const dir = join(workDir(), 'state');
  const folder = openStateFolder(dir, undefined, quiet);
  assert.deepEqual(readdirSync(dir), ['run.lock']);
  mkdirSync(folder.machineDir);
  writeFileSync(folder.journalFile, 'x');
  folder.reset();
  assert.deepEqual(readdirSync(dir), ['run.lock']);
  folder.release();
  assert.equal(existsSync(folder.lockFile), false);
});

test('an ended journal is archived with its time and the machine goes; the rest stays', () => {
  const dir = workDir();
  const folder = openStateFolder(dir, undefined, quiet);
  folder.archiveEndedJournal();
  assert.deepEqual(readdirSync(dir), ['run.lock'], 'without a journal there is nothing to archive');
  mkdirSync(folder.machineDir);
  writeFileSync(join(folder.machineDir, 'machine-state.json'), '{}');
  writeFileSync(folder.journalFile, 'x');
  writeFileSync(folder.finalStateFile, '{}');
  const before = Date.now();
  folder.archiveEndedJournal();
  const names = readdirSync(dir).sort();
  assert.equal(names.length, 3);
  assert.deepEqual(names.filter((n) => !n.startsWith('journal-ended-')), ['final-machine.json', 'run.lock']);
  const archived = Number(/^journal-ended-(\d+)\.tsj$/.exec(names[1])?.[1]);
  assert.ok(archived >= before && archived <= Date.now(), names[1]);
  folder.release();
});
