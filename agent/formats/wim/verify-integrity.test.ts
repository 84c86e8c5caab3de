import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InvalidInputError } from '../../../engine/problems.ts';
import { readWim } from './read-wim.ts';
import { verifyIntegrity } from './verify-integrity.ts';
import { captureWim, createTempDir, wimlib, writeFakeWindowsTree, type TempDir } from './test-support/wim-fixtures.ts';

let temp: TempDir;
let tree: string;
let checked: string;

before(() => {
  temp = createTempDir();
  tree = writeFakeWindowsTree(join(temp.path, 'tree'), { bigFiles: 2 });
  checked = captureWim(tree, join(temp.path, 'checked.wim'), 'Checked', ['--check']);
});
after(() => temp.dispose());

/** A copy of `wim` with one byte inverted at `offset`. */
function corruptCopy(wim: string, offset: number, name: string): string {
  const bytes = readFileSync(wim);
  bytes[offset] ^= 0xff;
  const path = join(temp.path, name);
  writeFileSync(path, bytes);
  return path;
}

test('a file written with --check verifies', () => {
  assert.deepEqual(verifyIntegrity(checked), { checked: true, ok: true });
});

test('a file without an integrity table is not checked', () => {
  const plain = captureWim(tree, join(temp.path, 'plain.wim'), 'Plain');
  assert.deepEqual(verifyIntegrity(plain), { checked: false, ok: true });
});

test('a flipped byte in the data area fails its chunk', () => {
  assert.deepEqual(verifyIntegrity(corruptCopy(checked, 1000, 'flipped.wim')), { checked: true, ok: false, badChunk: 0 });
});

test('the chunk that holds the damage is reported (10 MiB chunks)', () => {
  const bigTree = writeFakeWindowsTree(join(temp.path, 'bigtree'), { bigFiles: 3, bigFileBytes: 4 * 2 ** 20 });
  const big = captureWim(bigTree, join(temp.path, 'big.wim'), 'Big', ['--check', '--compress=none']);
  assert.deepEqual(verifyIntegrity(big), { checked: true, ok: true });
  const damaged = corruptCopy(big, 208 + 10 * 2 ** 20 + 5, 'big-flipped.wim');
  assert.deepEqual(verifyIntegrity(damaged), { checked: true, ok: false, badChunk: 1 });
});

test('an integrity table whose sizes do not add up fails without a chunk', () => {
  const bytes = readFileSync(checked);
  const tableOffset = Number(bytes.readBigUInt64LE(124 + 8));
  bytes.writeUInt32LE(bytes.readUInt32LE(tableOffset + 4) + 1, tableOffset + 4);
  const path = join(temp.path, 'bad-table.wim');
  writeFileSync(path, bytes);
  assert.deepEqual(verifyIntegrity(path), { checked: true, ok: false });
});

test('every part of a split image written with --check verifies', () => {
  const bigTree = writeFakeWindowsTree(join(temp.path, 'splittree'), { bigFiles: 4, bigFileBytes: 400_000 });
  const whole = captureWim(bigTree, join(temp.path, 'whole.wim'), 'Split', ['--compress=none']);
  wimlib('split', whole, join(temp.path, 'set.swm'), '1', '--check');
  const facts = readWim(join(temp.path, 'set.swm'));
  assert.equal(facts.hasIntegrityTable, true);
  assert.ok(facts.parts.length > 1);
  for (const part of facts.parts) assert.deepEqual(verifyIntegrity(part), { checked: true, ok: true }, part);
});

test('a pipable WIM written with --check verifies', () => {
  const piped = captureWim(tree, join(temp.path, 'pipe.wim'), 'Piped', ['--pipable', '--check']);
  assert.deepEqual(verifyIntegrity(piped), { checked: true, ok: true });
});

test('a file that is not a WIM is refused, not reported as damaged', () => {
  const text = join(temp.path, 'text.wim');
  writeFileSync(text, 'just some text, long enough to look like anything');
  assert.throws(() => verifyIntegrity(text), (error: unknown) => error instanceof InvalidInputError && /not a Windows image/.test(error.message));
});
