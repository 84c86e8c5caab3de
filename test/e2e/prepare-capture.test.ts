/** Preparing a running Windows for capture: refusals, shutting down, and Setup Windows' continue-on-error rule. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { builtinProfile, runSequenceFile, workDir, writeFixture, writeProfile } from '../support/harness.ts';
import { applyOs, partitionDisk, prepareClient, prepareWindows, sequence, setupWindows, setVariable, UEFI_LAYOUT } from '../support/sequence-builder.ts';
import { captureWim, writeFakeWindowsTree } from '../../agent/formats/wim/test-support/wim-fixtures.ts';

const STATE_FILE = ['Windows', 'System32', 'config', 'simulated-state.json'];

/** The UEFI desktop started in its installed Windows, with `os` changed by `os`. */
function fullOsDesktop(dir: string, os: Record<string, unknown>): string {
  const base = builtinProfile('uefi-desktop');
  return writeProfile(dir, 'desktop-in-windows', base, {
    environment: { ...(base.environment as object), inWinPE: false, mediaType: 'FullMedia', launchMode: 'SMS' },
    os: { ...(base.os as object), ...os },
  });
}

const windowsState = (dir: string) => JSON.parse(readFileSync(join(dir, 'state', 'machine', 'volumes', 'disk0-part3', ...STATE_FILE), 'utf8'));

test('Prepare Windows for Capture on a domain member fails before Sysprep runs, and the installation is unchanged', async () => {
  const dir = workDir();
  const file = writeFixture(dir, 'ts.xml', sequence([prepareClient('Prepare ConfigMgr Client'), prepareWindows('Prepare Operating System')]));
  const r = await runSequenceFile(file, dir, ['--machine', fullOsDesktop(dir, { domain: 'corp.example', computerName: 'PC-0042' })]);
  assert.equal(r.code, 1);
  assert.equal(r.report.exitCode, 50);
  assert.match(r.report.steps[1].reason ?? '', /Sysprep cannot generalize a computer joined to a domain \(corp\.example\); join a workgroup/);
  const state = windowsState(dir);
  assert.deepEqual([state.phase, state.computerName, state.membership], ['specialized', 'PC-0042', { kind: 'domain', name: 'corp.example' }]);
  assert.equal(state.configMgrClient.state, 'prepared', 'the client step before it ran');
});

test('with OSDShutdownPreparedOs the computer shuts down after Sysprep and the steps after it do not run', async () => {
  const dir = workDir();
  const file = writeFixture(dir, 'ts.xml', sequence([prepareWindows('Prepare Operating System', { shutdown: true }), setVariable('Never', 'Never', 'ran')]));
  const r = await runSequenceFile(file, dir, ['--machine', fullOsDesktop(dir, { workgroup: 'LAB' })]);
  assert.equal(r.code, 0, r.stderr + r.stdout);
  assert.equal(r.report.status, 'succeeded');
  assert.deepEqual(r.report.steps.map((s) => s.name), ['Prepare Operating System']);
  assert.equal(r.report.variables.Never, undefined);
  assert.deepEqual(r.report.reboots, []);
  assert.ok(r.log.some((e) => /shuts the computer down; the task sequence ends here \(1 later instructions do not run\)/.test(e.message)));
  assert.equal(windowsState(dir).phase, 'generalized');
  const again = await runSequenceFile(file, dir, ['--machine', fullOsDesktop(dir, { workgroup: 'LAB' })]);
  assert.equal(again.code, 0, 'a new run starts a new deployment on the prepared machine');
});

test('Setup Windows and ConfigMgr ignores continue on error: an image with its own SetupComplete.cmd fails the run', async () => {
  const dir = workDir();
  const content = join(dir, 'content');
  mkdirSync(join(content, 'LAB00100'), { recursive: true });
  const tree = writeFakeWindowsTree(join(dir, 'tree'));
  mkdirSync(join(tree, 'Windows', 'Setup', 'Scripts'), { recursive: true });
  writeFileSync(join(tree, 'Windows', 'Setup', 'Scripts', 'SetupComplete.cmd'), '@echo off\r\nstart oem-tool.exe\r\n');
  captureWim(tree, join(content, 'LAB00100', 'install.wim'), 'Windows 11 Enterprise');
  const file = writeFixture(dir, 'ts.xml', sequence([
    partitionDisk('Partition', 'GPT', UEFI_LAYOUT), applyOs('Apply', 'LAB00100'),
    setupWindows('Setup Windows and ConfigMgr', { continueOnError: true }), setVariable('After', 'After', 'ran'),
  ]));
  const r = await runSequenceFile(file, dir, ['--machine', 'uefi-desktop', '--content', content]);
  assert.equal(r.code, 1);
  assert.equal(r.report.exitCode, 50);
  assert.match(r.report.steps[2].reason ?? '', /has its own C:\\Windows\\Setup\\Scripts\\SetupComplete\.cmd/);
  assert.equal(r.report.variables.After, undefined);
  assert.ok(r.log.some((e) => /continue on error does not apply to this step/.test(e.message)));
});
