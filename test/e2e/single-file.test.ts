/** The single-file agent (`npm run bundle`) runs with plain node from a folder that holds nothing else. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleSingleFile } from '../../agent/build/bundle-single.ts';
import { workDir, writeFixture } from '../support/harness.ts';
import { sequence, setVariable } from '../support/sequence-builder.ts';

const example = fileURLToPath(new URL('../../examples/deploy-windows.xml', import.meta.url));

test('one file, no node_modules: validate, run, capture this PC, and build and run a protected media', async () => {
  const built = await bundleSingleFile(join(workDir(), 'build'));
  const dir = workDir('taskseq-single-');
  copyFileSync(built, join(dir, 'taskseq.cjs'));
  rmSync(join(built, '..'), { recursive: true, force: true });
  copyFileSync(example, join(dir, 'ts.xml'));
  // The demo's packages go with it: the run finds the content folder next to the sequence.
  cpSync(join(example, '..', 'content'), join(dir, 'content'), { recursive: true });
  assert.deepEqual(readdirSync(dir).sort(), ['content', 'taskseq.cjs', 'ts.xml']);
  const node = (...args: string[]) => spawnSync(process.execPath, ['taskseq.cjs', ...args], { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });

  const validate = node('validate', 'ts.xml');
  assert.equal(validate.status, 0, validate.stderr);
  assert.match(validate.stdout, /ts\.xml: valid \(0 errors, 0 warnings\)/);
  const run = node('run', 'ts.xml', '--machine', 'bios-desktop', '--json');
  assert.equal(run.status, 0, run.stderr);
  assert.equal(JSON.parse(run.stdout.trim().split('\n').pop()!).status, 'succeeded');
  assert.ok(existsSync(join(dir, '.taskseq', 'logs', 'smsts.log')));
  // systeminformation is embedded as a string compiled on first use: capturing this PC's facts must still work.
  const captured = node('machines', '--capture', 'local');
  assert.equal(captured.status, 0, captured.stderr);
  assert.ok(JSON.parse(captured.stdout).system.cpu.cores >= 1);

  writeFixture(dir, 'small.xml', sequence([setVariable('Mark', 'Stage', 'FromMedia')]));
  writeFixture(dir, 'pw.txt', 'Single-File-Pw\n');
  const media = node('media', 'build', '--sequence', 'small.xml', '--out', 'usb', '--password-file', 'pw.txt');
  assert.equal(media.status, 0, media.stderr);
  const fromMedia = node('run', '--media', 'usb', '--password-file', 'pw.txt', '--state-dir', 'st', '--log-dir', 'lg', '--json');
  assert.equal(fromMedia.status, 0, fromMedia.stderr);
  assert.equal(JSON.parse(fromMedia.stdout.trim().split('\n').pop()!).variables.Stage, 'FromMedia');
});
