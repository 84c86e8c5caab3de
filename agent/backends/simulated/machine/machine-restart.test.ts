import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { TaskseqError, type PlannedPartition } from '../../../../engine/index.ts';
import { testMachine } from '../test-support/test-machine.ts';

const MiB = 1024 * 1024;
const refused = (message: string) => (err: unknown) => err instanceof TaskseqError && err.code === 'unsupported'
  && err.message === message;
const run = (m: ReturnType<typeof testMachine>, commandLine: string) =>
  m.ports.commands.run({ kind: 'command-line', commandLine, secret: false });

function part(number: number, offsetMiB: number, sizeMiB: number, extra: Partial<PlannedPartition> = {}): PlannedPartition {
  return { number, role: 'Primary', offsetBytes: offsetMiB * MiB, sizeBytes: sizeMiB * MiB, active: false,
    fileSystem: 'NTFS', quickFormat: true, assignLetter: true, ...extra };
}

test('the built-in profiles boot their installed Windows (UEFI by boot entry, BIOS by bootmgr)', (t) => {
  for (const name of ['uefi-desktop', 'uefi-laptop', 'bios-desktop']) {
    const m = testMachine(t, name);
    m.reboot('HD');
    assert.equal(m.ports.system.environment().inWinPE, false, name);
  }
});

test('UEFI falls back to EFI\\Boot\\bootx64.efi without a boot entry, and fails without boot files', (t) => {
  const m = testMachine(t, 'uefi-desktop', { change: (p) => { p.firmware.bootEntries = []; } });
  m.reboot('HD');
  const bare = testMachine(t, 'uefi-desktop', { change: (p) => {
    p.firmware.bootEntries = [];
    p.disks![0].partitions![0].files = [{ path: 'EFI\\Microsoft\\Boot\\bootmgfw.efi' }];
  } });
  assert.throws(() => bare.reboot('HD'), /UEFI firmware cannot boot: no boot entry points at EFI\\Microsoft\\Boot\\bootmgfw\.efi on disk 0/);
  const empty = testMachine(t, 'uefi-desktop', { change: (p) => { delete p.disks![0].partitions![0].files; } });
  assert.throws(() => empty.reboot('HD'), refused('UEFI firmware cannot boot: the EFI system partition on disk 0 has no '
    + 'EFI\\Microsoft\\Boot\\bootmgfw.efi and no fallback EFI\\Boot\\bootx64.efi'));
  assert.equal(empty.ports.system.environment().inWinPE, true, 'a refused restart changes nothing');
});

test('UEFI firmware with an MBR disk, and a blank disk, cannot boot', (t) => {
  const uefiOnMbr = testMachine(t, 'bios-desktop', { change: (p) => { p.firmware.mode = 'UEFI'; } });
  assert.throws(() => uefiOnMbr.reboot('HD'), refused('UEFI firmware cannot boot: disk 0 is MBR and no disk has an EFI system partition'));
  const blank = testMachine(t, 'uefi-desktop', { change: (p) => {
    p.disks![0] = { ...p.disks![0], style: 'RAW', partitions: [] };
    p.firmware.bootEntries = [];
    p.disks!.push({ index: 1, sizeGB: 10, bus: 'SATA', model: 'Data', serialNumber: 'D', style: 'MBR', partitions: [{ role: 'Primary', fileSystem: 'NTFS' }] });
  } });
  assert.throws(() => blank.reboot('HD'), refused('cannot boot the installed OS: disk 0 is blank (no partition table)'));
});

test('BIOS firmware: GPT, no active partition, no bootmgr', (t) => {
  const gpt = testMachine(t, 'uefi-desktop', { change: (p) => { p.firmware.mode = 'BIOS'; p.firmware.secureBoot = false; delete p.firmware.bootEntries; } });
  assert.throws(() => gpt.reboot('HD'), refused('BIOS firmware cannot boot disk 0: GPT without a BIOS boot partition'));
  const inactive = testMachine(t, 'bios-desktop', { change: (p) => { p.disks![0].partitions![0].active = false; } });
  assert.throws(() => inactive.reboot('HD'), refused('BIOS firmware cannot boot disk 0: no active partition'));
  const noBootmgr = testMachine(t, 'bios-desktop', { change: (p) => { p.disks![0].partitions![0].files = []; } });
  assert.throws(() => noBootmgr.reboot('HD'), refused('BIOS firmware cannot boot disk 0: the active partition 1 has no bootmgr'));
});

test('a disk without Windows cannot boot HD even when its boot files are there', (t) => {
  const m = testMachine(t, 'uefi-desktop', { change: (p) => { delete p.os; p.disks![0].partitions![2].files = []; } });
  assert.throws(() => m.reboot('HD'), refused('cannot boot the installed OS: no volume of machine uefi-desktop holds Windows (Windows\\System32)'));
});

test('a Windows tree without an os section boots as a set-up installation named like the machine', (t) => {
  const m = testMachine(t, 'uefi-desktop', { change: (p) => { delete p.os; } });
  m.reboot('HD');
  assert.equal(m.ports.system.environment().inWinPE, false);
  assert.equal(m.ports.windows.running()?.computerName, 'MININT-7DXK9H3');
});

test('TSUEFIDrive on BIOS: the boot image is staged on the FAT32 volume and the firmware becomes UEFI', async (t) => {
  const m = testMachine(t, 'hyperv-vm', { change: (p) => { p.firmware.mode = 'BIOS'; p.firmware.secureBoot = false; } });
  await m.ports.disks.apply({ diskIndex: 0, style: 'MBR', partitions: [
    part(1, 1, 500, { active: true }), part(2, 501, 1000, { fileSystem: 'FAT32', letterVariable: 'TSUEFIDrive' }),
  ] });
  assert.throws(() => m.reboot('WinPE', { uefiDrive: 'C:' }), refused('cannot stage the boot image for the switch to UEFI: TSUEFIDrive (C:) is a NTFS volume, not FAT32'));
  assert.throws(() => m.reboot('WinPE', { uefiDrive: 'Q:' }), /TSUEFIDrive \(Q:\) is not the letter of any volume/);
  m.reboot('WinPE', { uefiDrive: 'E:' });
  const env = m.ports.system.environment();
  assert.equal(env.firmware, 'UEFI');
  assert.equal(env.secureBoot, 'Disabled');
  assert.equal(m.volumes.exists('disk0-part2', 'EFI\\Boot\\bootx64.efi'), true);
});

test('MBR2GPT validates and converts the BIOS desktop; the next HD restart switches to UEFI and boots', async (t) => {
  const m = testMachine(t, 'bios-desktop');
  const check = await run(m, 'MBR2GPT.exe /validate');
  assert.equal(check.exitCode, 0);
  assert.match(check.output, /^MBR2GPT: Attempting to validate disk 0\n[\s\S]*MBR2GPT: Validation completed successfully\n$/);
  const done = await run(m, 'X:\\Windows\\System32\\mbr2gpt /convert /disk:0 /logs:X:\\Windows\\Temp');
  assert.equal(done.exitCode, 0, done.output);
  assert.match(done.output, /MBR2GPT: Conversion completed successfully/);
  const table = JSON.parse(execFileSync('sfdisk', ['--json', join(m.stateDir, 'disks', 'disk0.img')], { encoding: 'utf8' })).partitiontable;
  assert.equal(table.label, 'gpt');
  assert.deepEqual(table.partitions.map((p: { type: string }) => p.type), ['C12A7328-F81F-11D2-BA4B-00A0C93EC93B', 'EBD0A0A2-B9E5-4433-87C0-68B6B72699C7']);
  assert.equal(m.volumes.exists('disk0-part1', 'bootmgr'), false);
  assert.equal(m.ports.system.environment().firmware, 'BIOS', 'the switch waits for the restart');
  m.reboot('HD');
  const env = m.ports.system.environment();
  assert.equal(env.firmware, 'UEFI');
  assert.equal(env.inWinPE, false);
  assert.equal(m.finalState().firmware.bootEntries?.[0].description, 'Windows Boot Manager');
});

test('MBR2GPT refusals: full OS, bad command line, GPT disk, too many partitions, extended, no active, no room', async (t) => {
  const full = testMachine(t, 'bios-desktop', { inWinPE: false });
  assert.equal((await run(full, 'mbr2gpt /validate')).exitCode, 4);
  assert.equal((await run(full, 'mbr2gpt /validate /allowFullOS')).exitCode, 0);
  const m = testMachine(t, 'bios-desktop');
  assert.equal((await run(m, 'mbr2gpt.exe /convert /validate')).exitCode, 4);
  assert.equal((await run(m, 'mbr2gpt.exe /frobnicate')).exitCode, 4);
  const cases: Array<[PlannedPartition[], RegExp]> = [
    [[part(1, 1, 500, { active: true }), part(2, 501, 500), part(3, 1001, 500), part(4, 1501, 500)], /Disk 0 has 4 primary partitions; at most 3 are allowed/],
    [[part(1, 1, 500, { active: true }), part(2, 501, 2000, { role: 'Extended', fileSystem: undefined }), part(5, 502, 500, { role: 'Logical' })], /Disk 0 has an extended partition/],
    [[part(1, 1, 500), part(2, 501, 500)], /Disk 0 has no active partition/],
  ];
  for (const [partitions, reason] of cases) {
    await m.ports.disks.apply({ diskIndex: 0, style: 'MBR', partitions });
    const r = await run(m, 'MBR2GPT /validate');
    assert.equal(r.exitCode, 6, r.output);
    assert.match(r.output, reason);
    assert.match(r.output, /MBR2GPT: Disk layout validation failed for disk 0\n$/);
  }
  const disk = m.ports.disks.list()[0];
  const rest = Math.floor(disk.sizeBytes / MiB) - 1 - 1 - 50;
  await m.ports.disks.apply({ diskIndex: 0, style: 'MBR', partitions: [part(1, 1, 50, { active: true }), part(2, 51, rest)] });
  assert.match((await run(m, 'MBR2GPT /validate')).output, /no room for the EFI system partition/);
  await m.ports.disks.apply({ diskIndex: 0, style: 'GPT', partitions: [part(1, 1, 500)] });
  assert.match((await run(m, 'MBR2GPT /validate')).output, /Disk 0 is already GPT, not MBR/);
});

test('restartRefusal names what reboot would refuse, and changes nothing; undefined when the restart would happen', (t) => {
  const empty = testMachine(t, 'uefi-desktop', { change: (p) => { delete p.disks![0].partitions![0].files; } });
  const before = JSON.stringify(empty.finalState());
  const why = empty.restartRefusal('HD');
  assert.ok(refused('UEFI firmware cannot boot: the EFI system partition on disk 0 has no '
    + 'EFI\\Microsoft\\Boot\\bootmgfw.efi and no fallback EFI\\Boot\\bootx64.efi')(why));
  assert.equal(JSON.stringify(empty.finalState()), before);
  assert.throws(() => empty.reboot('HD'), (err: unknown) => err instanceof TaskseqError && err.message === why!.message);
  assert.equal(empty.restartRefusal('WinPE'), undefined);
  const vm = testMachine(t, 'hyperv-vm');
  assert.match(vm.restartRefusal('WinPE')?.message ?? '', /^cannot restart: the task sequence keeps its state on the Windows PE RAM disk/);
  const ok = testMachine(t, 'uefi-desktop');
  assert.equal(ok.restartRefusal('HD'), undefined);
  assert.equal(ok.ports.system.environment().inWinPE, true);
});

test('restartRefusal checks TSUEFIDrive staging like reboot, without staging anything', (t) => {
  const m = testMachine(t, 'bios-desktop');
  assert.match(m.restartRefusal('WinPE', { uefiDrive: 'Q:' })?.message ?? '', /TSUEFIDrive \(Q:\) is not the letter of any volume/);
});
