import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TaskseqError } from '../../../../engine/index.ts';
import { readBlockDevices } from './read-block-devices.ts';
import { LSBLK_ARGV } from './lsblk-listing.ts';
import { LOSETUP_ARGV } from './loop-backing.ts';
import { loadCapture, scriptedRun, type ScriptedCommand } from './test-support/scripted-run.ts';

// Captured on a container without partition nodes: a GPT loop disk (EFI FAT32, MSR, NTFS, recovery NTFS), a loop
// over its EFI partition (offset + size limit), an MBR loop disk (primary, recovery, extended, two logicals), a
// blank loop, zram and the container's own disk, which blkid may not open (see fixtures/README.md).
const CAPTURE = loadCapture('loop-disks.commands.json');

function withAnswer(commands: readonly ScriptedCommand[], argv: readonly string[], answer: Partial<ScriptedCommand>): ScriptedCommand[] {
  const at = commands.findIndex((c) => c.argv.join(' ') === argv.join(' '));
  assert.ok(at >= 0, `no ${argv.join(' ')} in the capture`);
  return commands.map((c, i) => (i === at ? { ...c, ...answer } : c));
}

test('loop disks without partition nodes: tables from sfdisk, file systems from blkid at each offset', async () => {
  const { run, calls } = scriptedRun(CAPTURE);
  const devices = await readBlockDevices(run);
  assert.deepEqual(devices.map((d) => d.path), ['/dev/loop0', '/dev/loop1', '/dev/loop2', '/dev/loop3']);
  assert.deepEqual(calls, CAPTURE.map((c) => c.argv), 'every captured command, in the order it was captured');

  const [gpt, efiLoop, mbr, blank] = devices;
  assert.equal(gpt!.tableType, 'gpt');
  assert.deepEqual({ ...gpt, partitions: undefined, backing: { ...gpt!.backing, file: undefined } }, {
    path: '/dev/loop0', kind: 'loop', sizeBytes: 64 * 1048576, logicalSectorSize: 512, removable: false,
    readOnly: false, model: '', serial: '', mountpoints: [], tableType: 'gpt', partitions: undefined,
    backing: { file: undefined, offsetBytes: 0 },
  });
  assert.match(gpt!.backing!.file, /\/gpt\.img$/);
  assert.deepEqual(gpt!.partitions, [
    { number: 1, startBytes: 1048576, sizeBytes: 8388608, typeId: 'C12A7328-F81F-11D2-BA4B-00A0C93EC93B',
      attributes: '', bootable: false, mountpoints: [], fsType: 'vfat', label: 'SYSTEM' },
    { number: 2, startBytes: 9437184, sizeBytes: 16777216, typeId: 'E3C9E316-0B5C-4DB8-817D-F92DF00215AE',
      attributes: '', bootable: false, mountpoints: [] },
    { number: 3, startBytes: 26214400, sizeBytes: 25165824, typeId: 'EBD0A0A2-B9E5-4433-87C0-68B6B72699C7',
      attributes: '', bootable: false, mountpoints: [], fsType: 'ntfs', label: 'Windows OS' },
    { number: 4, startBytes: 51380224, sizeBytes: 14680064, typeId: 'DE94BBA4-06D1-4D40-A16A-BFD50179D6AC',
      attributes: 'RequiredPartition GUID:63', bootable: false, mountpoints: [], fsType: 'ntfs', label: 'Recovery' },
  ]);

  assert.deepEqual(efiLoop!.backing, { file: '/dev/loop0', offsetBytes: 1048576, sizeLimitBytes: 8388608 });
  assert.equal(efiLoop!.tableType, undefined, 'a file system on the whole device is no table');
  assert.deepEqual(efiLoop!.partitions, []);

  assert.equal(mbr!.tableType, 'dos');
  assert.deepEqual(mbr!.partitions.map((p) => [p.number, p.typeId, p.bootable, p.fsType, p.label]), [
    [1, '0x07', true, 'ntfs', 'System'], [2, '0x27', false, undefined, undefined], [3, '0x0f', false, undefined, undefined],
    [5, '0x0c', false, 'vfat', 'DATA'], [6, '0x07', false, undefined, undefined],
  ]);
  assert.deepEqual(mbr!.partitions.map((p) => [p.startBytes, p.sizeBytes]), [
    [1048576, 16777216], [17825792, 8388608], [26214400, 40894464], [27262976, 16777216], [45088768, 22020096],
  ]);
  assert.deepEqual(blank!.partitions, []);
  assert.equal(blank!.tableType, undefined);
  assert.ok(devices.every((d) => d.partitions.every((p) => p.path === undefined)), 'no kernel nodes');
});

test('a loop device without a backing file is left out', async () => {
  const losetup = JSON.parse(CAPTURE.find((c) => c.argv[0] === 'losetup')!.stdout);
  losetup.loopdevices = losetup.loopdevices.filter((l: { name: string }) => l.name !== '/dev/loop3');
  const { run, calls } = scriptedRun(withAnswer(CAPTURE, LOSETUP_ARGV, { stdout: JSON.stringify(losetup) }));
  assert.deepEqual((await readBlockDevices(run)).map((d) => d.path), ['/dev/loop0', '/dev/loop1', '/dev/loop2']);
  assert.ok(!calls.some((argv) => argv.includes('/dev/loop3')), 'nothing is run on it');
});

// The shape of a machine with udev and partition nodes (built from the capture's shape, not captured here).
const UDEV_LSBLK = JSON.stringify({ blockdevices: [
  { path: '/dev/zram0', kname: 'zram0', type: 'disk', size: 4294967296, 'log-sec': 4096, rm: false, ro: false,
    tran: null, model: null, serial: null, pttype: null, fstype: null, label: null, mountpoints: ['[SWAP]'] },
  { path: '/dev/sr0', kname: 'sr0', type: 'rom', size: 1073741824, 'log-sec': 2048, rm: true, ro: false,
    tran: 'sata', model: 'DVD-RW', serial: 'X1', pttype: null, fstype: null, label: null, mountpoints: [null] },
  { path: '/dev/nvme0n1', kname: 'nvme0n1', type: 'disk', size: 512110190592, 'log-sec': 512, rm: false, ro: false,
    tran: 'nvme', model: 'Fast SSD 512GB  ', serial: 'S4EWNX0', pttype: 'gpt', fstype: null, label: null,
    mountpoints: [null], children: [
      { path: '/dev/nvme0n1p1', kname: 'nvme0n1p1', type: 'part', size: 536870912, 'log-sec': 512, rm: false,
        ro: false, tran: 'nvme', model: null, serial: null, pttype: 'gpt', fstype: 'vfat', label: null,
        mountpoints: ['/boot/efi'] },
      { path: '/dev/nvme0n1p2', kname: 'nvme0n1p2', type: 'part', size: 511571222528, 'log-sec': 512, rm: false,
        ro: false, tran: 'nvme', model: null, serial: null, pttype: 'gpt', fstype: null, label: null,
        mountpoints: [null], children: [
          { path: '/dev/mapper/vg-root', kname: 'dm-0', type: 'lvm', size: 511571222528, 'log-sec': 512, rm: false,
            ro: false, tran: null, model: null, serial: null, pttype: null, fstype: 'ext4', label: null,
            mountpoints: ['/'] },
        ] },
    ] },
  { path: '/dev/sdb', kname: 'sdb', type: 'disk', size: 0, 'log-sec': 512, rm: true, ro: false, tran: 'usb',
    model: 'Card Reader', serial: '0001', pttype: null, fstype: null, label: null, mountpoints: [null] },
] });
const UDEV_SFDISK = JSON.stringify({ partitiontable: { label: 'gpt', device: '/dev/nvme0n1', unit: 'sectors',
  sectorsize: 512, partitions: [
    { node: '/dev/nvme0n1p1', start: 2048, size: 1048576, type: 'C12A7328-F81F-11D2-BA4B-00A0C93EC93B' },
    { node: '/dev/nvme0n1p2', start: 1050624, size: 999162544, type: '0FC63DAF-8483-4772-8E79-3D69D8477DE4' },
  ] } });

test('with partition nodes and udev, lsblk gives table, file systems and mount points; zram, rom and empty drives are left out', async () => {
  const { run, calls } = scriptedRun([
    { argv: LSBLK_ARGV, exitCode: 0, stdout: UDEV_LSBLK, stderr: '' },
    { argv: LOSETUP_ARGV, exitCode: 0, stdout: '', stderr: '' },
    { argv: ['sfdisk', '--json', '/dev/nvme0n1'], exitCode: 0, stdout: UDEV_SFDISK, stderr: '' },
    { argv: ['blkid', '--probe', '--output', 'export', '--offset', '537919488', '--size', '511571222528', '/dev/nvme0n1'],
      exitCode: 2, stdout: '', stderr: '' },
  ]);
  const devices = await readBlockDevices(run);
  assert.equal(devices.length, 1);
  const [disk] = devices;
  assert.deepEqual({ ...disk, partitions: undefined }, {
    path: '/dev/nvme0n1', kind: 'disk', sizeBytes: 512110190592, logicalSectorSize: 512, removable: false,
    readOnly: false, transport: 'nvme', model: 'Fast SSD 512GB', serial: 'S4EWNX0', mountpoints: [], tableType: 'gpt',
    partitions: undefined,
  });
  assert.deepEqual(disk!.partitions[0], { path: '/dev/nvme0n1p1', number: 1, startBytes: 1048576,
    sizeBytes: 536870912, typeId: 'C12A7328-F81F-11D2-BA4B-00A0C93EC93B', attributes: '', bootable: false,
    fsType: 'vfat', mountpoints: ['/boot/efi'] });
  assert.equal(disk!.partitions[1]!.path, '/dev/nvme0n1p2');
  assert.equal(disk!.partitions[1]!.fsType, undefined, 'blkid found nothing at its offset');
  assert.equal(calls.filter((argv) => argv[0] === 'blkid').length, 1, 'blkid only where lsblk knew no file system');
});

test('a failing tool stops the probe with the command and its first error line', async () => {
  const lsblk = scriptedRun([{ argv: LSBLK_ARGV, exitCode: 1, stdout: '', stderr: 'lsblk: unknown column: MOUNTPOINTS\nTry lsblk --help\n' }]);
  await assert.rejects(readBlockDevices(lsblk.run), (err: unknown) => err instanceof TaskseqError
    && err.code === 'unsupported'
    && err.message === `cannot probe the disks: ${LSBLK_ARGV.join(' ')} failed with exit code 1: lsblk: unknown column: MOUNTPOINTS`);

  const sfdisk = scriptedRun(withAnswer(CAPTURE, ['sfdisk', '--json', '/dev/loop2'], { exitCode: 1, stdout: '',
    stderr: 'sfdisk: cannot open /dev/loop2: No such device or address\n' }));
  await assert.rejects(readBlockDevices(sfdisk.run),
    { message: 'cannot probe the disks: sfdisk --json /dev/loop2 failed with exit code 1: sfdisk: cannot open /dev/loop2: No such device or address' });

  const killed = scriptedRun(withAnswer(CAPTURE, LOSETUP_ARGV, { exitCode: -1, killed: true }));
  await assert.rejects(readBlockDevices(killed.run), { message: 'cannot probe the disks: losetup --json --list was stopped after 30 s' });

  const garbled = scriptedRun(withAnswer(CAPTURE, ['sfdisk', '--json', '/dev/loop0'], { stdout: '{"partitiontable": ' }));
  await assert.rejects(readBlockDevices(garbled.run), /^TaskseqError: cannot probe the disks: sfdisk --json \/dev\/loop0 printed no valid JSON/);
});

test('a partition that blkid cannot open through its disk is an error, not an unformatted partition', async () => {
  const argv = ['blkid', '--probe', '--output', 'export', '--offset', '26214400', '--size', '25165824', '/dev/loop0'];
  const { run } = scriptedRun(withAnswer(CAPTURE, argv, { exitCode: 2, stdout: '', stderr: 'blkid: error: /dev/loop0: Input/output error\n' }));
  await assert.rejects(readBlockDevices(run), { message: `cannot probe the disks: ${argv.join(' ')} failed: blkid: error: /dev/loop0: Input/output error` });
});
