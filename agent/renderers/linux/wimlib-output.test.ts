import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { parseWimlibFailure, parseWimlibProgress, type WimlibProgress } from './wimlib-output.ts';

/** Output captured from wimlib-imagex 1.13.5, split into lines the way the process runner splits it. */
const lines = (name: string) => readFileSync(new URL(`fixtures/${name}`, import.meta.url), 'utf8').split(/\r\n|\r|\n/);
const progressOf = (name: string) => lines(name).map(parseWimlibProgress).filter((p): p is WimlibProgress => p !== undefined);

const MiB = 1024 ** 2;

test('apply onto an NTFS volume: every redraw of "Extracting file data" is one reading, in bytes, ending at 100%', () => {
  const small = progressOf('wimlib-apply-ntfs-bytes.stdout');
  assert.equal(small.length, 13);
  assert.deepEqual(small[0], { phase: 'Extracting file data', bytesDone: 68, bytesTotal: 965, percent: 7 });
  assert.deepEqual(small.at(-1), { phase: 'Extracting file data', bytesDone: 965, bytesTotal: 965, percent: 100 });

  const big = progressOf('wimlib-apply-ntfs-mib.stdout');
  assert.ok(big.every((p) => p.phase === 'Extracting file data' && p.bytesTotal === 57 * MiB));
  assert.deepEqual(big.at(-1), { phase: 'Extracting file data', bytesDone: 57 * MiB, bytesTotal: 57 * MiB, percent: 100 });
  assert.deepEqual(big.find((p) => p.percent === 4), { phase: 'Extracting file data', bytesDone: 2 * MiB, bytesTotal: 57 * MiB, percent: 4 });
  for (let i = 1; i < big.length; i++) assert.ok(big[i].percent >= big[i - 1].percent, 'never goes back within a phase');
});

test('with --check the integrity phase comes first and is named as such; the banner and the end line are not progress', () => {
  const all = progressOf('wimlib-apply-check.stdout');
  const phases = [...new Set(all.map((p) => p.phase))];
  assert.deepEqual(phases, ['Verifying integrity of "/tmp/imgx/bigc.wim"', 'Extracting file data']);
  assert.equal(parseWimlibProgress('Applying image 1 ("big") from "/tmp/imgx/bigc.wim" to directory "out"'), undefined);
  assert.equal(parseWimlibProgress('Done applying WIM image.'), undefined);
  assert.equal(parseWimlibProgress(''), undefined);
});

test('capture progress reads the same way; the scan counts are not progress', () => {
  const all = progressOf('wimlib-capture-ntfs.stdout');
  assert.ok(all.length > 10);
  assert.ok(all.every((p) => p.phase === 'Archiving file data'));
  assert.equal(all.at(-1)!.percent, 100);
  assert.equal(parseWimlibProgress('57 MiB scanned (15 files, 13 directories)    '), undefined);
});

test('split progress and the larger units', () => {
  assert.deepEqual(parseWimlibProgress('Splitting WIM: 3 GiB of 4 GiB (75%) written, part 2 of 3'),
    { phase: 'Splitting WIM', bytesDone: 3 * 1024 ** 3, bytesTotal: 4 * 1024 ** 3, percent: 75 });
  assert.deepEqual(parseWimlibProgress('Extracting file data: 12 KiB of 300 KiB (4%) done'),
    { phase: 'Extracting file data', bytesDone: 12 * 1024, bytesTotal: 300 * 1024, percent: 4 });
});

test('a failure is told by wimlib\'s ERROR lines', () => {
  const stderr = readFileSync(new URL('fixtures/wimlib-apply-not-ntfs.stderr', import.meta.url), 'utf8');
  assert.equal(parseWimlibFailure({ stdout: '', stderr }),
    'Failed to mount "/dev/loop0" with NTFS-3G: Invalid argument; '
    + 'Exiting with error code 46: NTFS-3G encountered an error (check errno).; errno: Invalid argument');
  assert.equal(parseWimlibFailure({ stdout: 'last words\n', stderr: '' }), 'last words');
  assert.equal(parseWimlibFailure({ stdout: '', stderr: '' }), 'no output');
});
