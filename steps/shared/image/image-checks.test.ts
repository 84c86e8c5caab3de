import { test } from 'node:test';
import assert from 'node:assert/strict';
import { joinHostPath } from './host-path.ts';
import { pickWimFile } from './image-checks.ts';
import { mdtPackageId } from './image-source.ts';
import { protectedFolders } from './wipe-protection.ts';

test('pickWimFile: one .wim, else the first .swm of one set; several or none are errors', () => {
  assert.deepEqual(pickWimFile(['install.wim', 'readme.txt'], 'P1'), { name: 'install.wim' });
  assert.deepEqual(pickWimFile(['install2.swm', 'install.swm', 'install3.swm'], 'P1'), { name: 'install.swm' });
  assert.deepEqual(pickWimFile(['a.wim', 'B.WIM'], 'P1'), { error: 'package P1 holds several images (B.WIM, a.wim); keep one .wim per image package' });
  assert.deepEqual(pickWimFile(['x.swm', 'y.swm'], 'P1'), { error: 'package P1 holds several split images (x.swm, y.swm); keep one .swm set per image package' });
  assert.deepEqual(pickWimFile([], 'P1'), { error: 'package P1 holds no .wim or .swm file' });
});

test('joinHostPath keeps the folder style; mdtPackageId drops braces unless overridden', () => {
  assert.equal(joinHostPath('/c/P1/', 'sources', 'install.wim'), '/c/P1/sources/install.wim');
  assert.equal(joinHostPath('D:\\c\\P1', 'install.wim'), 'D:\\c\\P1\\install.wim');
  assert.equal(mdtPackageId('{ABC-1}', undefined), 'ABC-1');
  assert.equal(mdtPackageId('{ABC-1}', 'LAB00100'), 'LAB00100');
});

test('protectedFolders keeps the user state folder only when it is on the target volume', () => {
  assert.deepEqual(protectedFolders('C:', 'C:\\StateStore\\x'), ['_SMSTaskSequence', 'StateStore']);
  assert.deepEqual(protectedFolders('D:', 'C:\\StateStore\\x'), ['_SMSTaskSequence']);
  assert.deepEqual(protectedFolders('C:', 'C:\\_SMSTaskSequence\\UserState'), ['_SMSTaskSequence']);
  assert.deepEqual(protectedFolders('C:', undefined), ['_SMSTaskSequence']);
});
