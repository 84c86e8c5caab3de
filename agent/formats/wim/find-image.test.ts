import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ImageFacts, WimFacts } from '../../../engine/ports/imaging.ts';
import { InvalidInputError } from '../../../engine/problems.ts';
import { findImage } from './find-image.ts';

function image(index: number, name: string): ImageFacts {
  return { index, name, architecture: 'x64', languages: [], directoryCount: 0, fileCount: 0, totalBytes: 0 };
}

const facts: WimFacts = {
  path: 'D:\\sources\\install.wim', guid: 'G', compression: 'lzx', partNumber: 1, totalParts: 1,
  parts: ['D:\\sources\\install.wim'], hasIntegrityTable: false, bootIndex: 0,
  images: [image(1, 'Windows 11 Pro'), image(2, 'Windows 11 Enterprise')],
};

test('finds an image by its index', () => {
  assert.equal(findImage(facts, 2).name, 'Windows 11 Enterprise');
});

test('an index out of range names the file and lists the images', () => {
  assert.throws(() => findImage(facts, 3), (error: unknown) => {
    assert.ok(error instanceof InvalidInputError);
    assert.equal(error.code, 'invalid-input');
    assert.match(error.message, /install\.wim has no image with index 3/);
    assert.match(error.message, /1: Windows 11 Pro, 2: Windows 11 Enterprise/);
    return true;
  });
});

test('index 0 of an empty image says it holds none', () => {
  assert.throws(() => findImage({ ...facts, images: [] }, 0), /holds no images/);
});
