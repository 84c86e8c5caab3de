import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { PartitionLayout } from '../../../../engine/index.ts';
import { testMachine, tempDir } from '../test-support/test-machine.ts';
import { captureWim, writeFakeWindowsTree } from '../../../formats/wim/test-support/wim-fixtures.ts';

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;
const UEFI: PartitionLayout = {
  diskIndex: 0, style: 'GPT', partitions: [
    { number: 1, role: 'EFI', offsetBytes: MiB, sizeBytes: 100 * MiB, active: false, fileSystem: 'FAT32', quickFormat: true, assignLetter: false },
    { number: 2, role: 'MSR', offsetBytes: 101 * MiB, sizeBytes: 16 * MiB, active: false, quickFormat: true, assignLetter: false },
    { number: 3, role: 'Primary', offsetBytes: 117 * MiB, sizeBytes: 60 * GiB, active: false, fileSystem: 'NTFS', label: 'Windows', quickFormat: true, assignLetter: true },
  ],
};

test('a wiped disk gets a real image and boot files through the machine, and then boots in UEFI', async (t) => {
  const m = testMachine(t, 'uefi-desktop');
  const letters = await m.ports.disks.apply(UEFI);
  const windows = letters.letters.find((l) => l.number === 3)!.letter!;
  assert.throws(() => m.reboot('HD'), /UEFI firmware cannot boot/);
  m.reboot('WinPE');
  const work = tempDir(t);
  const wim = captureWim(writeFakeWindowsTree(join(work, 'tree')), join(work, 'install.wim'), 'Fake Windows');
  const facts = m.ports.imaging.inspect(wim);
  assert.equal(facts.images[0].name, 'Fake Windows');
  const applied = await m.ports.imaging.apply({ path: wim, index: 1, target: windows });
  assert.ok(applied.files > 0);
  assert.equal(m.volumes.exists(windows, 'Windows\\System32\\kernel.txt'), true);
  await m.ports.imaging.writeBootFiles({ windowsPath: `${windows}\\Windows`, firmware: 'UEFI' });
  // A stock image is generalized: its first boot runs Windows Setup, which must find the resume hook.
  assert.equal(m.ports.windows.describe(windows)?.generalized, true);
  assert.throws(() => m.reboot('HD'), /has no .*SetupComplete\.cmd to start the task sequence again/);
  m.ports.windows.installResumeHook(windows);
  const booted = m.reboot('HD');
  assert.equal(m.ports.system.environment().inWinPE, false);
  assert.ok(booted.setup.some((l) => /^computer name DESKTOP-/.test(l)), booted.setup.join('\n'));
  assert.equal(m.ports.windows.running()?.generalized, false);
});
