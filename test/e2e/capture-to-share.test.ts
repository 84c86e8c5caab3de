/**
 * Capture OS Image to a network share on the simulated machine: `--share '\\server\share=DIR'` connects the share at
 * a host folder; a capture there needs no second disk. Without the share, a destination on it is refused before the
 * run touches anything (the preflight), or by the step when the path comes from a variable.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, runSequenceFile, workDir, writeFixture } from '../support/harness.ts';
import { applyOs, captureImage, partitionDisk, sequence, UEFI_LAYOUT } from '../support/sequence-builder.ts';
import { captureWim, writeFakeWindowsTree } from '../../agent/formats/wim/test-support/wim-fixtures.ts';

const DESTINATION = '\\\\lab\\captures\\Reference\\reference.wim';

/** A build sequence whose capture goes to `destination`, with its content. */
function build(dir: string, destination: string): { file: string; content: string } {
  const content = join(dir, 'content');
  mkdirSync(join(content, 'LAB00100'), { recursive: true });
  captureWim(writeFakeWindowsTree(join(dir, 'tree')), join(content, 'LAB00100', 'install.wim'), 'Fake Windows');
  const file = writeFixture(dir, 'build.xml', sequence([
    partitionDisk('Partition', 'GPT', UEFI_LAYOUT), applyOs('Apply Operating System', 'LAB00100'), captureImage('Capture', destination),
  ], { globals: { CaptureTarget: DESTINATION } }));
  return { file, content };
}

test('a connected share takes the capture: the WIM is in its folder, named in any case', async () => {
  const dir = workDir();
  const share = join(dir, 'share');
  mkdirSync(join(share, 'reference'), { recursive: true });
  const { file, content } = build(dir, DESTINATION);
  const r = await runSequenceFile(file, dir, ['--machine', 'uefi-desktop', '--content', content, '--share', `\\\\LAB\\Captures=${share}`]);
  assert.equal(r.code, 0, r.stderr + r.stdout + r.logText.slice(-3000));
  const wim = join(share, 'reference', 'reference.wim');
  execFileSync('wimlib-imagex', ['verify', wim], { stdio: 'ignore' });
  const info = execFileSync('wimlib-imagex', ['info', wim], { encoding: 'utf8' });
  assert.match(info, /Image Count:\s+1/);
  assert.match(info, /Name:\s+C: Windows/);
  assert.match(r.logText, /Capture destination: \\\\lab\\captures\\Reference\\reference\.wim \(on the network share \\\\lab\\captures\)/);
  assert.doesNotMatch(r.logText, /Capture-Secret-1/);
});

test('no --share: the preflight refuses the destination before anything runs, saying how to connect the share', async () => {
  const dir = workDir();
  const { file, content } = build(dir, DESTINATION);
  const r = await runSequenceFile(file, dir, ['--machine', 'uefi-desktop', '--content', content]);
  assert.equal(r.code, 2, r.stdout + r.stderr);
  const problem = r.report.problems?.find((p) => p.code === 'network-destination');
  assert.equal(problem?.severity, 'error');
  assert.match(problem?.message ?? '', /but this run has not connected the share \\\\lab\\captures \(no share is connected\); connect it with --share '\\\\lab\\captures=DIR'/);
  assert.equal(existsSync(join(dir, 'state', 'machine')), false, 'the machine was never started');
});

test('a destination from a variable on a share the run has not connected: the step fails with 87 and the way to connect it', async () => {
  const dir = workDir();
  const other = join(dir, 'other');
  mkdirSync(other);
  const { file, content } = build(dir, '%CaptureTarget%');
  const r = await runSequenceFile(file, dir, ['--machine', 'uefi-desktop', '--content', content, '--share', `\\\\lab\\images=${other}`]);
  assert.equal(r.code, 1, r.stdout + r.stderr);
  const capture = r.report.steps.find((s) => s.name === 'Capture');
  assert.equal(capture?.exitCode, 87);
  assert.match(capture?.reason ?? '', /not connected the share \\\\lab\\captures \(connected: \\\\lab\\images\); connect it with --share/);
});

test('validate warns about a share destination; plan takes --share as a run does', async () => {
  const dir = workDir();
  const share = join(dir, 'share');
  mkdirSync(share);
  const { file, content } = build(dir, DESTINATION);
  const v = await runCli(['validate', file, '--json']);
  assert.equal(v.code, 0, v.stdout + v.stderr);
  assert.match(v.stdout, /network-destination/);
  const plan = await runCli(['plan', file, '--backend', 'linux', '--content', content, '--share', `\\\\lab\\captures=${share}`]);
  assert.equal(plan.code, 0, plan.stdout + plan.stderr);
  assert.match(plan.stdout, /wimlib-imagex capture .*reference\.wim/);
  assert.deepEqual(readdirSync(share), [], 'a plan writes nothing into a share');
  const bad = await runCli(['plan', file, '--backend', 'linux', '--content', content, '--share', `\\\\lab\\captures=${join(dir, 'missing')}`]);
  assert.equal(bad.code, 2, bad.stdout + bad.stderr);
  assert.match(bad.stderr, /--share \\\\lab\\captures=.*missing: the folder .*missing does not exist/);
});
