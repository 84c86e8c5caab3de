import { test } from 'node:test';
import assert from 'node:assert/strict';
import { planPartPaths } from './split-parts.ts';

test('part N > 1 puts N before the extension', () => {
  assert.deepEqual(planPartPaths('/media/install.swm', 3), ['/media/install.swm', '/media/install2.swm', '/media/install3.swm']);
});

test('a plain image is its own only part', () => {
  assert.deepEqual(planPartPaths('D:\\x.wim', 1), ['D:\\x.wim']);
});

test('a dot in a folder name is not taken for the extension', () => {
  assert.deepEqual(planPartPaths('/a.b/install', 2), ['/a.b/install', '/a.b/install2']);
});
