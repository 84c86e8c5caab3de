import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PlannedPartition } from '../ports/disks.ts';
import { assignWinPELetters, layoutLetters, lettersInUse, nextFreeLetter, type LetterDisk, type LetterDrive } from './drive-letters.ts';

const planned = (number: number, role: PlannedPartition['role'], assignLetter = true): PlannedPartition =>
  ({ number, role, offsetBytes: number, sizeBytes: 1, active: false, quickFormat: true, assignLetter });

test('a layout: only partitions that ask for a letter and whose role takes one get the next free letters, in order', () => {
  const used = new Set(['C:']);
  const letters = layoutLetters([planned(1, 'EFI'), planned(2, 'MSR'), planned(3, 'Primary'), planned(4, 'Primary', false), planned(5, 'Recovery'), planned(6, 'Primary')], used, true);
  assert.deepEqual(letters, [{ number: 1 }, { number: 2 }, { number: 3, letter: 'D:' }, { number: 4 }, { number: 5 }, { number: 6, letter: 'E:' }]);
  assert.deepEqual([...used], ['C:', 'D:', 'E:']);
});

test('X: is the Windows PE RAM disk: skipped there, given in a full OS', () => {
  const upToW = new Set('CDEFGHIJKLMNOPQRSTUVW'.split('').map((l) => `${l}:`));
  assert.equal(nextFreeLetter(upToW, true), 'Y:');
  assert.equal(nextFreeLetter(upToW, false), 'X:');
});

test('Windows PE at boot: fixed letters first, volumes in disk and partition order, then optical drives', () => {
  const disks: LetterDisk[] = [
    { index: 1, partitions: [{ number: 1, role: 'Primary' }] },
    { index: 0, partitions: [{ number: 1, role: 'EFI', letter: 'S:' }, { number: 2, role: 'Primary', fixedLetter: 'C:' }, { number: 3, role: 'Primary' }] },
  ];
  const optical: LetterDrive[] = [{ letter: '' }];
  assignWinPELetters(disks, optical);
  assert.deepEqual(disks.map((d) => d.partitions.map((p) => p.letter)), [['E:'], [undefined, 'C:', 'D:']]);
  assert.equal(optical[0]!.letter, 'F:');
  assert.deepEqual([...lettersInUse(disks, optical, 1)].sort(), ['C:', 'D:', 'F:']);
});
