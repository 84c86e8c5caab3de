import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvalidInputError } from '../../engine/index.ts';
import { checkOutputPaths, createOutputFolders, outputFileProblems, outputFolderProblems } from './output-folders.ts';

function scratch(t: { after: (fn: () => void) => void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'taskseq-out-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

test('folder options: usable paths have no problems; a file, a broken link or too deep a path is named', (t) => {
  const dir = scratch(t);
  writeFileSync(join(dir, 'f'), '');
  symlinkSync(join(dir, 'gone'), join(dir, 'link'));
  assert.deepEqual(outputFolderProblems('--log-dir', dir), []);
  assert.deepEqual(outputFolderProblems('--log-dir', join(dir, 'a', 'b', 'c')), []);
  const messages = (p: string) => outputFolderProblems('--x', p).map((q) => q.message);
  assert.deepEqual(messages(join(dir, 'f')), ['is a file, not a folder']);
  assert.deepEqual(messages(join(dir, 'f', 'g')), [`${join(dir, 'f')} is a file, not a folder`]);
  assert.deepEqual(messages(join(dir, 'link', 'x')), [`${join(dir, 'link')} is a broken link`]);
  assert.match(messages(join(dir, 'a', 'b', 'c', 'd'))[0], /^4 folders are missing/);
  assert.equal(outputFolderProblems('--x', join(dir, 'f'))[0].field, '--x');
});

test('file options: the folder must exist and the path must not be a folder', (t) => {
  const dir = scratch(t);
  assert.deepEqual(outputFileProblems('--out', join(dir, 'x.json')), []);
  assert.deepEqual(outputFileProblems('--out', dir).map((p) => p.message), ['is a folder, not a file']);
  assert.deepEqual(outputFileProblems('--out', join(dir, 'd', 'x.json')).map((p) => p.message), [`the folder ${join(dir, 'd')} does not exist`]);
});

test('checkOutputPaths reports every problem in one error', (t) => {
  const dir = scratch(t);
  writeFileSync(join(dir, 'f'), '');
  assert.throws(() => checkOutputPaths([{ option: '--state-dir', path: join(dir, 'f') }, { option: '--log-dir', path: join(dir, 'f', 'l') }]),
    (e: unknown) => e instanceof InvalidInputError && e.problems.length === 2
      && e.message === `--state-dir ${join(dir, 'f')}: is a file, not a folder; --log-dir ${join(dir, 'f', 'l')}: ${join(dir, 'f')} is a file, not a folder`);
});

test('createOutputFolders makes the missing levels, and removes them all when a later option fails', (t) => {
  const dir = scratch(t);
  writeFileSync(join(dir, 'f'), '');
  const made = createOutputFolders([{ option: '--a', path: join(dir, 'x', 'y') }, { option: '--b', path: join(dir, 'x', 'z') }]);
  assert.deepEqual(made.created, [join(dir, 'x'), join(dir, 'x', 'y'), join(dir, 'x', 'z')]);
  made.undo();
  assert.deepEqual(readdirSync(dir), ['f']);
  assert.throws(() => createOutputFolders([{ option: '--a', path: join(dir, 'p', 'q') }, { option: '--b', path: join(dir, 'f', 'r') }]), InvalidInputError);
  assert.deepEqual(readdirSync(dir), ['f']);
});

test('undo leaves a created folder that is no longer empty, and existing folders are never in the list', (t) => {
  const dir = scratch(t);
  mkdirSync(join(dir, 'had'));
  const made = createOutputFolders([{ option: '--a', path: join(dir, 'had', 'new') }]);
  assert.deepEqual(made.created, [join(dir, 'had', 'new')]);
  writeFileSync(join(dir, 'had', 'new', 'log.txt'), 'written by the run');
  made.undo();
  assert.ok(existsSync(join(dir, 'had', 'new', 'log.txt')));
});
