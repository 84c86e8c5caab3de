/** The engine-set built-in variables, per machine and across a restart. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runSequenceFile, workDir, writeFixture } from '../support/harness.ts';
import { restart, sequence, setVariable } from '../support/sequence-builder.ts';

const snapshot = (prefix: string) =>
  ['_SMSTSInWinPE', '_SMSTSMediaType', '_SMSTSLaunchMode', '_SMSTSBootUEFI', '_TSSecureBoot', '_SMSTSMDataPath', '_SMSTSLogPath', '_SMSTSPackageID', '_SMSTSPackageName', '_SMSTSCurrentActionName', '_SMSTSNextInstructionPointer', '_SMSTSInstructionTableSize', '_SMSTSTimezone', '_OSDDetectedWinDir', '_OSDDetectedWinDrive', '_SMSTSMachineName']
    .map((n) => setVariable(`${prefix} ${n}`, `${prefix}${n.replace(/^_/, 'u_')}`, `%${n}%`));

test('built-ins describe the environment, the sequence and the running step, and change across a restart', async () => {
  const dir = workDir();
  const file = writeFixture(dir, 'my-deploy.xml', sequence([...snapshot('pe'), restart('Restart', 'HD'), ...snapshot('os')]));
  const r = await runSequenceFile(file, dir, ['--machine', 'uefi-laptop']);
  assert.equal(r.code, 0, r.stderr);
  const v = r.report.variables;
  assert.equal(v.peu_SMSTSInWinPE, 'true');
  assert.equal(v.osu_SMSTSInWinPE, 'false');
  assert.equal(v.peu_SMSTSMediaType, 'BootMedia');
  assert.equal(v.peu_SMSTSLaunchMode, 'UFD');
  assert.equal(v.peu_SMSTSBootUEFI, 'true');
  assert.equal(v.peu_TSSecureBoot, 'Enabled');
  // The laptop's disk has an NTFS volume, so even in Windows PE the state is kept on it rather than on the RAM disk.
  assert.equal(v.peu_SMSTSMDataPath, 'C:\\_SMSTaskSequence');
  assert.equal(v.osu_SMSTSMDataPath, 'C:\\_SMSTaskSequence');
  assert.equal(v.peu_SMSTSPackageName, 'my-deploy');
  assert.equal(v.peu_SMSTSCurrentActionName, 'pe _SMSTSCurrentActionName');
  assert.equal(v.peu_SMSTSNextInstructionPointer, '10');
  assert.equal(v.peu_SMSTSInstructionTableSize, String(16 * 2 + 1));
  assert.match(v.peu_SMSTSTimezone, /^-?\d+,\d+,-?\d+,(\d+,){8}(\d+,){8}.+,.+$/);
  assert.ok(v.peu_SMSTSMachineName.length > 0);
  assert.equal(v.peu_OSDDetectedWinDir, 'C:\\Windows');
  assert.equal(v.peu_OSDDetectedWinDrive, 'C:');
  // Only WinPE detects a previous Windows; in the full OS the token stays as typed.
  assert.equal(v.osu_OSDDetectedWinDrive, '%_OSDDetectedWinDrive%');
  // Written by the engine only: `_` values in the report are the engine's own.
  assert.equal(v._SMSTSLastActionSucceeded, 'true');
});

test('--media-type and --var reach the sequence; a --var with a _ name is refused', async () => {
  const dir = workDir();
  const file = writeFixture(dir, 'ts.xml', sequence([setVariable('Copy', 'Seen', '%_SMSTSMediaType%/%Site%')]));
  const r = await runSequenceFile(file, dir, ['--media-type', 'FullMedia', '--var', 'Site=LAB']);
  assert.equal(r.report.variables.Seen, 'FullMedia/LAB');
  assert.equal(r.report.variables._SMSTSStandAloneMode, 'true');
  const bad = await runSequenceFile(file, workDir(), ['--var', '_SMSTSMediaType=PXE']);
  assert.equal(bad.code, 2);
});
