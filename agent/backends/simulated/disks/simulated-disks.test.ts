import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { TaskseqError, type PartitionLayout, type PlannedPartition } from '../../../../engine/index.ts';
import { loadProfile } from '../profile/profile-load.ts';
import { createSimulatedMachine } from '../machine/simulated-machine.ts';
import { testMachine } from '../test-support/test-machine.ts';

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;
const sfdisk = (image: string) => JSON.parse(execFileSync('sfdisk', ['--json', image], { encoding: 'utf8' })).partitiontable;
const unsupported = (re: RegExp) => (err: unknown) => err instanceof TaskseqError && err.code === 'unsupported' && re.test(err.message);

function part(number: number, offsetMiB: number, sizeMiB: number, extra: Partial<PlannedPartition> = {}): PlannedPartition {
  return { number, role: 'Primary', offsetBytes: offsetMiB * MiB, sizeBytes: sizeMiB * MiB, active: false,
    fileSystem: 'NTFS', quickFormat: true, assignLetter: true, ...extra };
}

const UEFI: PartitionLayout = { diskIndex: 0, style: 'GPT', partitions: [
  part(1, 1, 499, { role: 'EFI', fileSystem: 'FAT32', assignLetter: false }),
  part(2, 500, 128, { role: 'MSR', fileSystem: undefined, assignLetter: false }),
  part(3, 628, 60000, { label: 'Windows', letterVariable: 'OSDisk' }),
  part(4, 60628, 1000, { role: 'Recovery', label: 'Recovery' }),
] };

test('images exist after the first start and sfdisk reads the profile layout', (t) => {
  const m = testMachine(t, 'uefi-laptop');
  const gpt = sfdisk(join(m.stateDir, 'disks', 'disk0.img'));
  assert.equal(gpt.label, 'gpt');
  assert.deepEqual(gpt.partitions.map((p: { type: string }) => p.type), ['C12A7328-F81F-11D2-BA4B-00A0C93EC93B',
    'E3C9E316-0B5C-4DB8-817D-F92DF00215AE', 'EBD0A0A2-B9E5-4433-87C0-68B6B72699C7', 'DE94BBA4-06D1-4D40-A16A-BFD50179D6AC']);
  assert.equal(gpt.partitions[0].start * 512, MiB);
  assert.equal(gpt.partitions[0].size * 512, 100 * MiB);
  const stick = sfdisk(join(m.stateDir, 'disks', 'disk1.img'));
  assert.equal(stick.label, 'dos');
  assert.equal(stick.partitions[0].type, 'c');
  const bios = testMachine(t, 'bios-desktop');
  const mbr = sfdisk(join(bios.stateDir, 'disks', 'disk0.img'));
  assert.deepEqual(mbr.partitions.map((p: { type: string; bootable?: boolean }) => [p.type, p.bootable ?? false]), [['7', true], ['7', false]]);
  const vm = testMachine(t, 'hyperv-vm');
  assert.ok(existsSync(join(vm.stateDir, 'disks', 'disk0.img')));
  assert.equal(vm.ports.disks.list()[0].style, 'RAW');
  assert.ok(existsSync(join(m.stateDir, 'volumes', 'disk0-part3', 'Windows', 'System32', 'ntoskrnl.exe')));
});

test('list() shows volumes with letters, labels and used bytes', (t) => {
  const [disk0, stick] = testMachine(t, 'uefi-laptop').ports.disks.list();
  assert.equal(disk0.bus, 'NVMe');
  assert.deepEqual(disk0.partitions.map((p) => p.volume?.letter), [undefined, undefined, 'C:', undefined]);
  assert.equal(disk0.partitions[1].volume, undefined, 'MSR holds no volume');
  const windows = disk0.partitions[2].volume!;
  assert.equal(windows.label, 'Windows');
  assert.ok(windows.usedBytes > 2 * GiB && windows.usedBytes < windows.sizeBytes);
  assert.equal(stick.removable, true);
  assert.equal(stick.partitions[0].volume?.letter, 'D:');
});

test('apply() wipes only the target disk and assigns letters the WinPE way (DVD and a second disk)', async (t) => {
  const m = testMachine(t, 'hyperv-vm', { change: (p) => {
    p.disks!.push({ index: 1, sizeGB: 100, bus: 'Virtual', model: 'Data', serialNumber: 'D1', style: 'GPT',
      partitions: [{ role: 'Primary', fileSystem: 'NTFS', label: 'Data', files: [{ path: 'keep.txt', content: 'x' }] }] });
  } });
  assert.deepEqual(m.ports.disks.list()[1].partitions[0].volume?.letter, 'C:');
  const applied = await m.ports.disks.apply(UEFI);
  assert.deepEqual(applied.letters, [{ number: 1 }, { number: 2 }, { number: 3, letter: 'E:' }, { number: 4 }]);
  assert.equal(m.volumes.readFile('C:', 'keep.txt'), 'x', 'the other disk keeps its files and letter');
  assert.equal(sfdisk(join(m.stateDir, 'disks', 'disk0.img')).partitions.length, 4);
  assert.deepEqual(m.volumes.list('E:'), []);
  const before = await m.ports.disks.apply({ ...UEFI, partitions: UEFI.partitions.slice(0, 3) });
  assert.equal(before.letters[2].letter, 'E:', 'C: is the data disk, D: the DVD');
});

test('apply() refuses FAT32 over 32 GiB, missing disks and tables the writer refuses, leaving the disk as it was', async (t) => {
  const m = testMachine(t, 'uefi-desktop');
  const big = { diskIndex: 0, style: 'GPT' as const, partitions: [part(1, 1, 40 * 1024, { fileSystem: 'FAT32' })] };
  await assert.rejects(async () => m.ports.disks.apply(big), unsupported(/^disk 0 partition 1: Windows does not format FAT32 volumes larger than 32 GB/));
  await assert.rejects(async () => m.ports.disks.apply({ ...UEFI, diskIndex: 3 }), unsupported(/disk 3 does not exist/));
  const overlap = { diskIndex: 0, style: 'GPT' as const, partitions: [part(1, 1, 100), part(2, 50, 100)] };
  await assert.rejects(async () => m.ports.disks.apply(overlap), unsupported(/^disk 0: partition 2/));
  assert.equal(m.volumes.exists('C:', 'Windows\\System32\\ntoskrnl.exe'), true);
});

test('volume writes: FAT32 refuses 4 GiB files, full volumes and RAW volumes refuse', async (t) => {
  const m = testMachine(t, 'uefi-laptop');
  assert.throws(() => m.volumes.writeFile('D:', 'big.wim', { sizeBytes: 4 * GiB }),
    unsupported(/FAT32 cannot hold a file of 4 GiB or more/));
  m.volumes.writeFile('d', 'sources\\ok.wim', { sizeBytes: 4 * GiB - 1 });
  assert.equal(m.volumes.exists('D:', 'SOURCES\\OK.WIM'), true);
  assert.throws(() => {
    for (let i = 0; i < 8; i++) m.volumes.writeFile('D:', `part${i}.swm`, { sizeBytes: 4 * GiB - 1 });
  }, unsupported(/^volume D: is full: part6\.swm needs 4\.0 GB, /));
  m.volumes.writeFile('disk0-part3', 'Temp\\x.txt', { content: 'hello' });
  assert.equal(m.volumes.readFile('C:', 'temp\\X.TXT'), 'hello');
  assert.equal(m.volumes.remove('C:', 'Temp'), true);
  const vm = testMachine(t, 'hyperv-vm');
  await vm.ports.disks.apply({ diskIndex: 0, style: 'MBR', partitions: [part(1, 1, 100, { fileSystem: undefined })] });
  assert.throws(() => vm.volumes.writeFile('C:', 'a.txt', { content: 'a' }), unsupported(/volume C: is not formatted \(RAW\)/));
});

test('detectedWindows, clientCache and dataPath before and after wiping, and the restart rule', async (t) => {
  const m = testMachine(t, 'uefi-desktop');
  let env = m.ports.system.environment();
  assert.deepEqual(env.detectedWindows, { winDir: 'C:\\Windows', drive: 'C:' });
  assert.equal(env.clientCache, undefined, 'no client runs in Windows PE');
  m.reboot('HD');
  assert.equal(m.ports.system.environment().clientCache, 'C:\\Windows\\ccmcache');
  m.reboot('WinPE');
  await m.ports.disks.apply(UEFI);
  env = m.ports.system.environment();
  assert.equal(env.detectedWindows, undefined);
  assert.equal(env.clientCache, undefined);
  assert.equal(env.dataPath, 'C:\\_SMSTaskSequence');

  const vm = testMachine(t, 'hyperv-vm');
  assert.equal(vm.stateLocation().onLocalDisk, false);
  await vm.ports.disks.apply(UEFI);
  assert.deepEqual(vm.stateLocation(), { onLocalDisk: true, path: 'C:\\_SMSTaskSequence' });
  assert.equal(vm.ports.system.environment().logPath, 'C:\\_SMSTaskSequence\\Logs\\Smstslog');
  vm.reboot('WinPE');
  assert.equal(vm.ports.system.environment().inWinPE, true);
});

test('a resumed machine reuses its disks, volumes and letters', async (t) => {
  const m = testMachine(t, 'hyperv-vm');
  await m.ports.disks.apply(UEFI);
  m.volumes.writeFile('C:', 'marker.txt', { content: 'still here' });
  const again = createSimulatedMachine(loadProfile('hyperv-vm'), { stateDir: m.stateDir });
  assert.equal(again.volumes.readFile('C:', 'marker.txt'), 'still here');
  assert.deepEqual(again.ports.disks.list(), m.ports.disks.list());
  assert.equal(sfdisk(join(m.stateDir, 'disks', 'disk0.img')).label, 'gpt');
});
