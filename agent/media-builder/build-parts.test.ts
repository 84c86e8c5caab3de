import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InvalidInputError } from '../../engine/index.ts';
import { assignParts } from './build-parts.ts';

const files = (...sizes: number[]) => sizes.map((size, i) => ({ name: `P/f${i}`, size }));

test('parts fill in order with whole files', () => {
  assert.deepEqual(assignParts(files(40, 50, 20, 100, 1), 100), [1, 1, 2, 3, 4]);
  assert.deepEqual(assignParts(files(0, 100, 0), 100), [1, 1, 1]);
  assert.deepEqual(assignParts(files(40, 50)), [1, 1]);
});

test('a file larger than a part is refused with its name and size', () => {
  assert.throws(() => assignParts(files(10, 101), 100), (e: unknown) => e instanceof InvalidInputError && /P\/f1 is 101 bytes, more than a part holds \(--part-size 100\)/.test(e.message));
});
