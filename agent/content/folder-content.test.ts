import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFolderContent } from './folder-content.ts';

test('resolves package folders case-insensitively and ignores files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'content-'));
  mkdirSync(join(dir, 'LAB00012'));
  writeFileSync(join(dir, 'README.txt'), 'x');
  const content = createFolderContent(dir);
  assert.equal(content.resolve('lab00012'), join(dir, 'LAB00012'));
  assert.equal(content.resolve('LAB00099'), undefined);
  assert.deepEqual(content.available(), ['LAB00012']);
});

test('no folder means no content', () => {
  assert.equal(createFolderContent(undefined).resolve('LAB00012'), undefined);
  assert.equal(createFolderContent('/nonexistent/taskseq').resolve('LAB00012'), undefined);
});

test('lists a package\'s files and reads text from it, never outside it', () => {
  const dir = mkdtempSync(join(tmpdir(), 'content-'));
  mkdirSync(join(dir, 'LAB00012', 'sources'), { recursive: true });
  writeFileSync(join(dir, 'LAB00012', 'install.wim'), 'x');
  writeFileSync(join(dir, 'LAB00012', 'unattend.xml'), '<unattend/>');
  writeFileSync(join(dir, 'secret.txt'), 'outside');
  const content = createFolderContent(dir);
  assert.deepEqual(content.files('lab00012'), ['install.wim', 'unattend.xml']);
  assert.deepEqual(content.files('LAB00099'), []);
  assert.equal(content.readText('LAB00012', 'unattend.xml'), '<unattend/>');
  assert.equal(content.readText('LAB00012', 'sources'), undefined);
  assert.equal(content.readText('LAB00012', '..\\secret.txt'), undefined);
});
