import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { TaskseqError } from '../../engine/problems.ts';
import { decodeJournal, encodeFrame, encodeJournal, encodeJournalHeader } from '../../engine/journal/index.ts';
import { KILL_AFTER_APPENDS_ENV, createFileJournalStore, parseKillAfterAppends } from './file-journal-store.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');

function tempJournal(t: { after(fn: () => void): void }): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'taskseq-journal-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  return path.join(dir, 'state', 'nested', 'journal.tsj');
}

const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);

test('a fresh store creates the folder and reads undefined', (t) => {
  const file = tempJournal(t);
  const store = createFileJournalStore(file);
  assert.ok(fs.statSync(path.dirname(file)).isDirectory());
  assert.equal(store.read(), undefined);
  assert.equal(store.appendCount(), 0);
});

test('appends accumulate in order and are counted', (t) => {
  const file = tempJournal(t);
  const store = createFileJournalStore(file);
  store.append(encodeJournalHeader());
  store.append(encodeFrame({ i: 1 }));
  store.append(encodeFrame({ i: 2 }));
  assert.equal(store.appendCount(), 3);
  assert.deepEqual(decodeJournal(store.read()!).records, [{ i: 1 }, { i: 2 }]);
  assert.deepEqual(decodeJournal(fs.readFileSync(file)).records, [{ i: 1 }, { i: 2 }]);
});

test('replace swaps the content atomically and later appends go to the new file', (t) => {
  const file = tempJournal(t);
  const store = createFileJournalStore(file);
  store.append(encodeJournal([{ i: 1 }, { i: 2 }, { i: 3 }]));
  store.replace(encodeJournal([{ compacted: true }]));
  store.append(encodeFrame({ i: 4 }));
  assert.deepEqual(decodeJournal(store.read()!).records, [{ compacted: true }, { i: 4 }]);
  assert.equal(fs.existsSync(`${file}.tmp`), false);
  assert.equal(store.appendCount(), 2);
});

test('replace works before any append (new journal)', (t) => {
  const file = tempJournal(t);
  const store = createFileJournalStore(file);
  store.replace(bytes('abc'));
  store.append(bytes('def'));
  assert.equal(new TextDecoder().decode(store.read()), 'abcdef');
});

test('remove deletes the journal, tolerates a missing one, and a later append starts afresh', (t) => {
  const file = tempJournal(t);
  const store = createFileJournalStore(file);
  store.remove();
  store.append(bytes('old'));
  store.remove();
  assert.equal(store.read(), undefined);
  assert.equal(fs.existsSync(file), false);
  store.append(bytes('new'));
  assert.equal(new TextDecoder().decode(store.read()), 'new');
});

test('a torn last frame on disk is detected when read back', (t) => {
  const file = tempJournal(t);
  const store = createFileJournalStore(file);
  store.append(encodeJournal([{ i: 1 }]));
  store.append(encodeFrame({ i: 2 }).subarray(0, 10));
  const decoded = decodeJournal(store.read()!);
  assert.deepEqual(decoded.records, [{ i: 1 }]);
  assert.equal(decoded.torn, true);
});

test('a second store on the same file sees what the first appended', (t) => {
  const file = tempJournal(t);
  createFileJournalStore(file).append(encodeJournal([{ i: 1 }]));
  const again = createFileJournalStore(file);
  again.append(encodeFrame({ i: 2 }));
  assert.deepEqual(decodeJournal(again.read()!).records, [{ i: 1 }, { i: 2 }]);
});

test('disk errors name the journal file', (t) => {
  const file = tempJournal(t);
  fs.mkdirSync(path.dirname(path.dirname(file)), { recursive: true });
  fs.writeFileSync(path.dirname(file), 'a file where the folder should be');
  assert.throws(
    () => createFileJournalStore(file),
    (e: unknown) => e instanceof TaskseqError && e.code === 'internal' && e.message.includes(file),
  );
});

test('the kill hook must be a positive whole number', () => {
  assert.equal(parseKillAfterAppends(undefined), undefined);
  assert.equal(parseKillAfterAppends(''), undefined);
  assert.equal(parseKillAfterAppends('7'), 7);
  for (const bad of ['x', '-1', '1.5']) {
    assert.throws(() => parseKillAfterAppends(bad), (e: unknown) => e instanceof TaskseqError && e.code === 'invalid-input' && e.message.includes(KILL_AFTER_APPENDS_ENV));
  }
  for (const bad of [0, -2, 1.5]) {
    assert.throws(() => createFileJournalStore(path.join(os.tmpdir(), 'unused', 'j'), { killAfterAppends: bad }), (e: unknown) => e instanceof TaskseqError && e.code === 'invalid-input');
  }
});

test('a process killed right after its 3rd append keeps exactly those appends, durable', (t) => {
  const file = tempJournal(t);
  const child = spawnSync(process.execPath, ['--import', 'tsx', path.join(here, 'test-support', 'crash-child.ts'), file, '5'], {
    cwd: root,
    env: { ...process.env, [KILL_AFTER_APPENDS_ENV]: '3' },
    encoding: 'utf8',
  });
  assert.equal(child.signal, 'SIGKILL', child.stderr);
  assert.equal(child.stdout, '');
  const decoded = decodeJournal(fs.readFileSync(file));
  assert.deepEqual(decoded, { records: [{ t: 'step-result', i: 0 }, { t: 'step-result', i: 1 }], torn: false, validBytes: fs.statSync(file).size });
});

test('a journal path that is a folder is invalid input naming it, not an internal error', (t) => {
  const file = tempJournal(t);
  fs.mkdirSync(file, { recursive: true });
  const store = createFileJournalStore(file);
  assert.throws(() => store.read(), (e: unknown) => e instanceof TaskseqError && e.code === 'invalid-input'
    && e.message === `${file} is a folder, not a journal file: move it away or give another --state-dir`);
});
