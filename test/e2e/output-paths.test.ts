/**
 * A mistaken output path (`--out`, `--state-dir`, `--log-dir`, `--cache`) is invalid input: exit code 2, one line
 * naming the option and the path, checked before anything runs, and nothing is created.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli, workDir, writeFixture } from '../support/harness.ts';
import { sequence, setVariable } from '../support/sequence-builder.ts';

const launcher = fileURLToPath(new URL('../../agent/cli/taskseq.js', import.meta.url));

function fixture(): { dir: string; file: string; plain: string } {
  const dir = workDir();
  const file = writeFixture(dir, 'ts.xml', sequence([setVariable('Mark', 'Stage', 'Ran')]));
  const plain = join(dir, 'f');
  writeFileSync(plain, 'a file, not a folder');
  return { dir, file, plain };
}

/** The message line of a refused command, and only one: no internal error, no stack. */
function assertRefused(r: { code: number | null; stderr: string }, line: string | RegExp): void {
  assert.equal(r.code, 2, r.stderr);
  const messages = r.stderr.split('\n').filter((l) => l.startsWith('taskseq: '));
  if (typeof line === 'string') assert.deepEqual(messages, [`taskseq: ${line}`]);
  else assert.ok(messages.length === 1 && line.test(messages[0].slice('taskseq: '.length)), r.stderr);
  assert.doesNotMatch(r.stderr, /internal error|\n\s+at /);
}

test('convert --out into a folder that does not exist', async () => {
  const { dir, file } = fixture();
  const out = join(dir, 'nonexistent', 'd', 'x.json');
  const r = await runCli(['convert', file, '--to', 'json', '--out', out]);
  assertRefused(r, `--out ${out}: the folder ${join(dir, 'nonexistent', 'd')} does not exist`);
  assert.equal(existsSync(join(dir, 'nonexistent')), false);
  assertRefused(await runCli(['convert', file, '--to', 'json', '--out', dir]), `--out ${dir}: is a folder, not a file`);
});

test('run --state-dir naming a file', async () => {
  const { dir, file, plain } = fixture();
  const r = await runCli(['run', file, '--state-dir', plain, '--log-dir', join(dir, 'logs')]);
  assertRefused(r, `--state-dir ${plain}: is a file, not a folder`);
  assert.deepEqual(readdirSync(dir).sort(), ['f', 'ts.xml']);
});

test('run --log-dir below a file, and --cache naming a file', async () => {
  const { dir, file, plain } = fixture();
  const state = join(dir, 'state');
  const logs = join(plain, 'logs');
  assertRefused(await runCli(['run', file, '--state-dir', state, '--log-dir', logs]), `--log-dir ${logs}: ${plain} is a file, not a folder`);
  assertRefused(await runCli(['run', file, '--state-dir', state, '--log-dir', join(dir, 'logs'), '--cache', plain]), `--cache ${plain}: is a file, not a folder`);
  assert.deepEqual(readdirSync(dir).sort(), ['f', 'ts.xml']);
});

test('run --log-dir with more missing folders than are created', async () => {
  const { dir, file } = fixture();
  const logs = join(dir, 'a', 'b', 'c', 'd', 'logs');
  const r = await runCli(['run', file, '--state-dir', join(dir, 'state'), '--log-dir', logs]);
  assertRefused(r, `--log-dir ${logs}: 5 folders are missing (from ${join(dir, 'a')}); at most 3 are created: check the path or create ${join(dir, 'a')} first`);
  assert.deepEqual(readdirSync(dir).sort(), ['f', 'ts.xml']);
  const ok = await runCli(['run', file, '--state-dir', join(dir, 's1', 's2', 'state'), '--log-dir', join(dir, 'l1', 'logs')]);
  assert.equal(ok.code, 0, ok.stderr);
});

test('run --log-dir /proc/nope is refused promptly (a recursive mkdir there never returns)', (t) => {
  if (process.platform !== 'linux' || !existsSync('/proc/self')) {
    t.skip('needs Linux procfs');
    return;
  }
  const { dir, file } = fixture();
  // A separate process with a deadline: the defect was a busy loop inside one synchronous call.
  const r = spawnSync(process.execPath, [launcher, 'run', file, '--state-dir', join(dir, 'state'), '--log-dir', '/proc/nope'], {
    cwd: dir, encoding: 'utf8', timeout: 60_000, env: { ...process.env, TASKSEQ_FROM_SOURCE: '1' },
  });
  assert.equal(r.signal, null, 'the run had to be killed');
  // As root the mkdir itself fails; otherwise /proc is already not writable when the options are checked.
  assertRefused({ code: r.status, stderr: r.stderr }, /^--log-dir \/proc\/nope: (cannot create \/proc\/nope: the file system takes no new folders there \(ENOENT\)|cannot create folders in \/proc: .*)$/);
  assert.deepEqual(readdirSync(dir).sort(), ['f', 'ts.xml'], 'the state folder made before is removed again');
});

test('media build --out below a file', async () => {
  const { dir, file, plain } = fixture();
  const out = join(plain, 'usb');
  const r = await runCli(['media', 'build', '--sequence', file, '--out', out]);
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, new RegExp(`^taskseq: taskseq media build: --out ${out}: ${plain} is a file, not a folder$`, 'm'));
  assert.deepEqual(readdirSync(dir).sort(), ['f', 'ts.xml']);
});
