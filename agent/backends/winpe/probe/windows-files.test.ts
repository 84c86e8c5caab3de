import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { buildPe } from '../../../formats/pe/test-support/build-pe.ts';
import { windowsFileFacts, windowsFolderFacts } from './windows-files.ts';

test('files and folders from the file system: existence by kind, last write time, the version of a program', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'taskseq-winprobe-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const when = new Date('2024-11-12T09:14:00Z');
  const kernel = join(dir, 'ntoskrnl.exe');
  writeFileSync(kernel, buildPe({ version: [10, 0, 22631, 4460] }));
  utimesSync(kernel, when, when);
  writeFileSync(join(dir, 'readme.txt'), 'no version here');
  mkdirSync(join(dir, 'Logs'));
  utimesSync(join(dir, 'Logs'), when, when);

  assert.deepEqual(windowsFileFacts(kernel), { exists: true, version: '10.0.22631.4460', modified: '2024-11-12T09:14:00.000Z' });
  assert.deepEqual(Object.keys(windowsFileFacts(join(dir, 'readme.txt'))), ['exists', 'modified'], 'no version resource, no version');
  assert.deepEqual(windowsFileFacts(join(dir, 'missing.dll')), { exists: false });
  assert.deepEqual(windowsFileFacts(join(dir, 'Logs')), { exists: false }, 'a folder is not a file');
  assert.deepEqual(windowsFolderFacts(join(dir, 'Logs')), { exists: true, modified: '2024-11-12T09:14:00.000Z' });
  assert.deepEqual(windowsFolderFacts(kernel), { exists: false }, 'a file is not a folder');
  assert.deepEqual(windowsFolderFacts(join(dir, 'Nope')), { exists: false });
});
