import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readCatalogFolder, readDriverPackage } from './driver-catalog.ts';

const FIXTURES = join(import.meta.dirname, 'fixtures');

test('a catalog folder: packages, categories, signature from the catalog file, malformed INFs listed and skipped', () => {
  const catalog = readCatalogFolder(FIXTURES);
  assert.deepEqual(catalog.infs.map((i) => i.id), ['audio-utf16/hdaudio.inf', 'lan/netlan.inf']);
  assert.deepEqual(catalog.infs.map((i) => i.signed), [true, true]);
  assert.deepEqual(catalog.infs[1].categories, ['Network']);
  assert.equal(catalog.problems.length, 7);
  assert.ok(catalog.problems.every((p) => p.file.includes('malformed')));
  assert.deepEqual(readDriverPackage('PKG', join(FIXTURES, 'lan'), false).infs.map((i) => i.id), ['PKG/netlan.inf']);
});
