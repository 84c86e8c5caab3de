/** Apply Operating System Image end to end: partition, apply a real WIM, restart into the applied OS. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { runSequenceFile, workDir, writeFixture } from '../support/harness.ts';
import { BIOS_LAYOUT, UEFI_LAYOUT, applyOs as applyOsStep, partitionDisk, restart, sequence, setVariable, setupWindows } from '../support/sequence-builder.ts';

const applyOs = (name: string, packageId: string, index = 1, extra = '') => applyOsStep(name, packageId, { index, extra });
import { captureWim, writeFakeWindowsTree } from '../../agent/formats/wim/test-support/wim-fixtures.ts';


/** A content folder with package LAB00100 holding a WIM of a fake Windows tree. */
function content(dir: string): string {
  const root = join(dir, 'content');
  mkdirSync(join(root, 'LAB00100'), { recursive: true });
  captureWim(writeFakeWindowsTree(join(dir, 'tree')), join(root, 'LAB00100', 'install.wim'), 'Fake Windows');
  return root;
}

for (const [machine, style, layout] of [['uefi-desktop', 'GPT', UEFI_LAYOUT], ['bios-desktop', 'MBR', BIOS_LAYOUT]] as const) {
  test(`${machine}: partition, apply the image, set Windows up and continue in it`, async () => {
    const dir = workDir();
    const file = writeFixture(dir, 'ts.xml', sequence([
      partitionDisk('Partition', style, layout),
      applyOs('Apply Operating System', 'LAB00100'),
      setupWindows('Setup Windows and ConfigMgr'),
      setVariable('In Windows', 'Done', '%_SMSTSInWinPE%', { runIn: 'FullOS' }),
    ]));
    const r = await runSequenceFile(file, dir, ['--machine', machine, '--content', content(dir)]);
    assert.equal(r.code, 0, r.stderr + r.stdout);
    assert.equal(r.report.variables.Done, 'false');
    assert.equal(r.report.variables.OSDTargetSystemDrive, r.report.variables.OSDisk);
    const volumes = join(dir, 'state', 'machine', 'volumes');
    const applied = [2, 3].map((n) => join(volumes, `disk0-part${n}`, 'Windows', 'System32', 'kernel.txt')).some((p) => existsSync(p));
    assert.ok(applied, 'the image files are on the Windows volume');
  });
}

test('a missing image index fails before the volume is wiped', async () => {
  const dir = workDir();
  const file = writeFixture(dir, 'ts.xml', sequence([partitionDisk('Partition', 'GPT', UEFI_LAYOUT), applyOs('Apply', 'LAB00100', 3)]));
  const r = await runSequenceFile(file, dir, ['--machine', 'uefi-desktop', '--content', content(dir)]);
  assert.equal(r.code, 1);
  assert.match(r.report.steps[1].reason ?? '', /index 3 does not exist.*1: Fake Windows/);
});

test('a missing answer-file package stops the run before the disk is partitioned', async () => {
  const dir = workDir();
  const withConfig = applyOs('Apply', 'LAB00100', 1, '<variable name="ConfigFilePackage" property="ConfigFilePackage">LAB00999</variable><variable name="OSDConfigFileName" property="ConfigFileName">unattend.xml</variable>');
  const file = writeFixture(dir, 'ts.xml', sequence([partitionDisk('Partition', 'GPT', UEFI_LAYOUT), withConfig]));
  const r = await runSequenceFile(file, dir, ['--machine', 'uefi-desktop', '--content', content(dir)]);
  assert.equal(r.code, 2);
  assert.ok((r.report.problems ?? []).some((p) => p.code === 'missing-package' && p.path === 'Apply' && /LAB00999/.test(p.message)), JSON.stringify(r.report.problems));
  assert.equal(existsSync(join(dir, 'state')), false, 'nothing was touched');
});

test('restarting into a freshly applied image without Setup Windows is refused: the sequence would never resume', async () => {
  const dir = workDir();
  const file = writeFixture(dir, 'ts.xml', sequence([
    partitionDisk('Partition', 'GPT', UEFI_LAYOUT), applyOs('Apply', 'LAB00100'), restart('Restart into Windows', 'HD'),
  ]));
  const r = await runSequenceFile(file, dir, ['--machine', 'uefi-desktop', '--content', content(dir)]);
  assert.equal(r.code, 1);
  const step = r.report.steps.find((s) => s.name === 'Restart into Windows');
  assert.equal(step?.outcome, 'failed');
  assert.match(step?.reason ?? '', /restart to HD was refused: Windows Setup on C: has no C:\\Windows\\Setup\\Scripts\\SetupComplete\.cmd/);
  assert.deepEqual(r.report.reboots, []);
});
