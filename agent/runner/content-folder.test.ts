import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { contentFolderFor } from './content-folder.ts';

test('--content wins; else the content folder next to the sequence; media and sources bring their own', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'taskseq-content-folder-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'ts.xml');
  assert.equal(contentFolderFor({ file }), undefined);
  writeFileSync(join(dir, 'content'), 'a file, not a folder');
  assert.equal(contentFolderFor({ file }), undefined);
  rmSync(join(dir, 'content'));
  mkdirSync(join(dir, 'content'));
  assert.deepEqual(contentFolderFor({ file }), { dir: join(dir, 'content'), label: `${join(dir, 'content')} (the content folder next to the sequence)`, implied: true });
  assert.deepEqual(contentFolderFor({ file, content: '/srv/pkgs' }), { dir: '/srv/pkgs', label: '--content /srv/pkgs', implied: false });
  assert.equal(contentFolderFor({ file, sources: ['http://ds.example'] }), undefined);
});
