import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DeploymentReport } from '../runner/run-deployment.ts';
import { printSummary } from './run-summary.ts';

const report = (over: Partial<DeploymentReport>): DeploymentReport => ({
  status: 'succeeded', exitCode: 0, reboots: [{ afterStep: 9, target: 'HD' }], variables: {}, problems: [],
  steps: [
    { index: 1, path: 'A', name: 'A', type: 't', outcome: 'succeeded', exitCode: 0, startedInWinPE: true },
    { index: 2, path: 'B', name: 'B', type: 't', outcome: 'skipped', reason: 'x', startedInWinPE: true },
  ] as DeploymentReport['steps'],
  logFile: '/tmp/logs/smsts.log', stateDir: 'state', redact: (t) => t,
  disks: [{ index: 0, style: 'GPT', path: 'state/machine/disks/disk0.img' }, { index: 1, style: 'RAW', path: 'my state/disk1.img' }],
  ...over,
});

const SFDISK_HERE = { found: true, packageName: 'fdisk' };

function print(r: DeploymentReport, reader = SFDISK_HERE): { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  printSummary({ out: (l) => out.push(l), err: (l) => err.push(l) }, r, reader);
  return { out, err };
}

test('the summary ends with the log, the final machine and each disk with the command that reads it back', () => {
  const { out, err } = print(report({}));
  assert.deepEqual(err, []);
  assert.equal(out[0], 'Task sequence succeeded (exit code 0): 1 step runs, 0 failed, 1 skipped, 1 restart.');
  assert.match(out[1], /^Log: \/tmp\/logs\/smsts\.log /);
  assert.match(out[2], /^Machine at the end: state\/final-machine\.json /);
  assert.equal(out[3], 'Disk 0 (GPT): state/machine/disks/disk0.img');
  assert.equal(out[4], '  read its partition table back: sfdisk --json state/machine/disks/disk0.img');
  // A RAW disk has no table to read back.
  assert.deepEqual(out.slice(5), ['Disk 1 (RAW): my state/disk1.img']);
});

test('a run that ended early says why on stderr; a path with spaces is quoted for the shell', () => {
  const { out, err } = print(report({ status: 'failed', exitCode: 1, message: 'the restart to HD failed', disks: [{ index: 0, style: 'MBR', path: "it's here/disk0.img" }] }));
  assert.deepEqual(err, ['the restart to HD failed']);
  assert.match(out[0], /^Task sequence failed \(exit code 1\)/);
  assert.equal(out.at(-1), `  read its partition table back: sfdisk --json 'it'\\''s here/disk0.img'`);
});

test('without sfdisk on this machine the command is still printed, with the package that brings it', () => {
  const { out } = print(report({}), { found: false, packageName: 'fdisk' });
  assert.equal(out[4], '  read its partition table back: sfdisk --json state/machine/disks/disk0.img (sfdisk is not installed here: it is in the package fdisk)');
});
