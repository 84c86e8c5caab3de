/**
 * Build and capture, the image half: partition, apply, capture the OS volume to a USB stick, then apply the captured
 * image to a blank machine and compare the two volumes file by file.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { runSequenceFile, workDir, writeFixture } from '../support/harness.ts';
import { findWindowsVolume, volumeTree } from '../support/volume-tree.ts';
import { UEFI_LAYOUT, partitionDisk, sequence } from '../support/sequence-builder.ts';
import { captureWim, writeFakeWindowsTree } from '../../agent/formats/wim/test-support/wim-fixtures.ts';

const applyOs = (packageId: string) => `<step type="SMS_TaskSequence_ApplyOperatingSystemAction" name="Apply Operating System" runIn="WinPE" successCodeList="0"><action>OSDApplyOS.exe</action><defaultVarList><variable name="ImagePackageID" property="ImagePackageID">${packageId}</variable><variable name="OSDImageIndex" property="ImageIndex">1</variable><variable name="DestinationVariable" property="DestinationVariable">OSDisk</variable></defaultVarList></step>`;
const capture = (destination: string) => `<step type="SMS_TaskSequence_CaptureSystemImageAction" name="Capture the Reference Machine" runIn="WinPE" successCodeList="0"><action>osdcapturesystemimage.exe</action><defaultVarList><variable name="OSDCaptureDestination" property="CaptureDestination">${destination}</variable><variable name="OSDImageCreator" property="ImageCreator">Lab</variable><variable name="OSDImageDescription" property="ImageDescription">Reference</variable><variable name="OSDImageVersion" property="ImageVersion">1.0</variable><variable name="OSDCaptureAccount" property="CaptureAccount">LAB\\capture</variable><variable name="OSDCaptureAccountPassword" property="CaptureAccountPassword">Capture-Secret-1</variable></defaultVarList></step>`;

function osVolume(dir: string): string {
  const found = findWindowsVolume(dir);
  assert.ok(found, 'an OS volume');
  return found!;
}

test('capture the applied OS to the USB stick, apply the capture to a blank machine: the volumes are equal', async () => {
  const ref = workDir();
  const content = join(ref, 'content');
  mkdirSync(join(content, 'LAB00100'), { recursive: true });
  captureWim(writeFakeWindowsTree(join(ref, 'tree')), join(content, 'LAB00100', 'install.wim'), 'Fake Windows');
  const build = writeFixture(ref, 'build.xml', sequence([
    partitionDisk('Partition', 'GPT', UEFI_LAYOUT), applyOs('LAB00100'), capture('D:\\Captures\\reference.wim'),
  ]));
  const r = await runSequenceFile(build, ref, ['--machine', 'uefi-laptop', '--content', content]);
  assert.equal(r.code, 0, r.stderr + r.stdout);
  assert.ok(!r.logText.includes('Capture-Secret-1'));
  const usb = join(ref, 'state', 'machine', 'volumes', 'disk1-part1');
  const wim = join(usb, 'Captures', 'reference.wim');
  execFileSync('wimlib-imagex', ['verify', wim], { stdio: 'ignore' });
  const info = execFileSync('wimlib-imagex', ['info', wim], { encoding: 'utf8' });
  assert.match(info, /Image Count:\s+1/);

  const target = workDir();
  const content2 = join(target, 'content');
  mkdirSync(join(content2, 'LAB00200'), { recursive: true });
  copyFileSync(wim, join(content2, 'LAB00200', 'reference.wim'));
  const deploy = writeFixture(target, 'deploy.xml', sequence([partitionDisk('Partition', 'GPT', UEFI_LAYOUT), applyOs('LAB00200')]));
  const d = await runSequenceFile(deploy, target, ['--machine', 'hyperv-vm', '--content', content2]);
  assert.equal(d.code, 0, d.stderr + d.stdout);
  const a = volumeTree(osVolume(ref));
  const b = volumeTree(osVolume(target));
  assert.deepEqual([...b.keys()].sort(), [...a.keys()].sort());
  for (const [k, v] of a) assert.equal(b.get(k), v, k);
});
