import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GPT_TYPE, gptAttributesOf, gptTypeOf, mbrTypeOf, type PartitionRole } from '../../../../engine/index.ts';
import type { BlockDevice, BlockPartition } from '../block-device.ts';
import { diskFactsFrom } from './disk-facts-from.ts';
import { gptRoleOf, mbrRoleOf } from '../../live/partition-roles.ts';
import { readBlockDevices } from './read-block-devices.ts';
import { loadCapture, scriptedRun } from './test-support/scripted-run.ts';

function device(over: Partial<BlockDevice> = {}): BlockDevice {
  return { path: '/dev/sda', kind: 'disk', sizeBytes: 1 << 30, logicalSectorSize: 512, removable: false,
    readOnly: false, model: 'Disk', serial: 'S1', mountpoints: [], partitions: [], ...over };
}

function partition(number: number, typeId: string, over: Partial<BlockPartition> = {}): BlockPartition {
  return { number, startBytes: number * 1048576, sizeBytes: 1048576, typeId, attributes: '', bootable: false,
    mountpoints: [], ...over };
}

test('the captured loop disks as the engine sees them', async () => {
  const { run } = scriptedRun(loadCapture('loop-disks.commands.json'));
  const [gpt, efiLoop, mbr, blank] = diskFactsFrom(await readBlockDevices(run));
  assert.deepEqual(gpt, {
    index: 0, sizeBytes: 67108864, sectorSize: 512, bus: 'Virtual', removable: false, model: '', serialNumber: '',
    style: 'GPT', partitions: [
      { number: 1, role: 'EFI', offsetBytes: 1048576, sizeBytes: 8388608, active: false,
        volume: { fileSystem: 'FAT32', label: 'SYSTEM', sizeBytes: 8388608, usedBytes: 0 } },
      { number: 2, role: 'MSR', offsetBytes: 9437184, sizeBytes: 16777216, active: false },
      { number: 3, role: 'Primary', offsetBytes: 26214400, sizeBytes: 25165824, active: false,
        volume: { fileSystem: 'NTFS', label: 'Windows OS', sizeBytes: 25165824, usedBytes: 0 } },
      { number: 4, role: 'Recovery', offsetBytes: 51380224, sizeBytes: 14680064, active: false,
        volume: { fileSystem: 'NTFS', label: 'Recovery', sizeBytes: 14680064, usedBytes: 0 } },
    ],
  });
  assert.deepEqual([efiLoop!.index, efiLoop!.style, efiLoop!.partitions], [1, 'RAW', []]);
  assert.deepEqual(mbr!.partitions.map((p) => [p.number, p.role, p.active, p.volume?.fileSystem, p.volume?.label]), [
    [1, 'Primary', true, 'NTFS', 'System'], [2, 'Recovery', false, 'RAW', ''], [3, 'Extended', false, undefined, undefined],
    [5, 'Logical', false, 'FAT32', 'DATA'], [6, 'Logical', false, 'RAW', ''],
  ]);
  assert.deepEqual([blank!.index, blank!.style, blank!.bus], [3, 'RAW', 'Virtual']);
  assert.ok([gpt, mbr].every((d) => d!.partitions.every((p) => p.volume?.letter === undefined)), 'no drive letters');
});

test('bus from the transport; loop devices are virtual, unknown transports SCSI', () => {
  const cases: Array<[Partial<BlockDevice>, string]> = [
    [{ transport: 'usb' }, 'USB'], [{ transport: 'nvme' }, 'NVMe'], [{ transport: 'sata' }, 'SATA'],
    [{ transport: 'ata' }, 'SATA'], [{ transport: 'scsi' }, 'SCSI'], [{ transport: 'sas' }, 'SCSI'],
    [{}, 'SCSI'], [{ transport: 'mmc' }, 'SCSI'], [{ kind: 'loop', transport: 'usb' }, 'Virtual'],
  ];
  const facts = diskFactsFrom(cases.map(([over]) => device(over)));
  assert.deepEqual(facts.map((f) => f.bus), cases.map(([, bus]) => bus));
  assert.deepEqual(facts.map((f) => f.index), cases.map((_, i) => i));
});

test('disk facts carry size, 4 KiB sectors, removable, model and serial; other sector sizes are refused', () => {
  const [disk] = diskFactsFrom([device({ logicalSectorSize: 4096, removable: true, model: 'Stick', serial: 'AB12', transport: 'usb' })]);
  assert.deepEqual({ ...disk, partitions: undefined }, { index: 0, sizeBytes: 1 << 30, sectorSize: 4096, bus: 'USB',
    removable: true, model: 'Stick', serialNumber: 'AB12', style: 'RAW', partitions: undefined });
  assert.throws(() => diskFactsFrom([device(), device({ path: '/dev/sdb', logicalSectorSize: 2048 })]), {
    name: 'TaskseqError', message: 'disk 1 (/dev/sdb): logical sector size 2048 bytes; Windows installs only to disks with 512 or 4096-byte sectors',
  });
});

test('every role engine/disks writes reads back as that role', () => {
  const gptRoles: PartitionRole[] = ['Primary', 'EFI', 'MSR', 'Recovery', 'Hidden'];
  const attrText = (mask: bigint) => [...Array(64).keys()].filter((b) => (mask >> BigInt(b)) & 1n).map((b) => `GUID:${b}`).join(' ');
  for (const role of gptRoles) assert.equal(gptRoleOf(gptTypeOf(role), attrText(gptAttributesOf(role))), role, role);
  for (const role of ['Primary', 'EFI', 'Recovery', 'Hidden', 'Extended'] as const) {
    for (const fs of ['NTFS', 'FAT32'] as const) assert.equal(mbrRoleOf(mbrTypeOf(role, fs), 1), role, `${role} ${fs}`);
  }
  assert.equal(mbrRoleOf(mbrTypeOf('Logical', 'NTFS'), 5), 'Logical');
});

test('roles of types Windows does not write, and of sfdisk attribute text', () => {
  assert.equal(gptRoleOf('0fc63daf-8483-4772-8e79-3d69d8477de4', ''), 'Primary', 'a Linux file system');
  assert.equal(gptRoleOf(GPT_TYPE.basicData.toLowerCase(), 'GUID:62,63'), 'Hidden');
  assert.equal(gptRoleOf(GPT_TYPE.recovery, 'RequiredPartition GUID:63'), 'Recovery');
  assert.equal(gptRoleOf(GPT_TYPE.basicData, 'RequiredPartition'), 'Primary');
  assert.deepEqual([0x05, 0x85, 0x0b, 0x83, 0x1b, 0x07].map((id) => mbrRoleOf(id, 2)),
    ['Extended', 'Extended', 'Primary', 'Primary', 'Hidden', 'Primary']);
  assert.deepEqual([0x27, 0x05].map((id) => mbrRoleOf(id, 6)), ['Logical', 'Extended']);
});

test('MBR active flag and volumes: RAW for file systems Windows does not read, none for MSR and extended', () => {
  const [mbr, gpt] = diskFactsFrom([
    device({ tableType: 'dos', partitions: [partition(1, '0x83', { bootable: true, fsType: 'ext4', label: 'root' }),
      partition(2, '0x0c', { fsType: 'vfat' })] }),
    device({ tableType: 'gpt', partitions: [partition(1, GPT_TYPE.microsoftReserved, { bootable: true }),
      partition(2, GPT_TYPE.basicData, { fsType: 'exfat', label: 'USB' })] }),
  ]);
  assert.deepEqual(mbr!.partitions.map((p) => [p.role, p.active, p.volume]), [
    ['Primary', true, { fileSystem: 'RAW', label: 'root', sizeBytes: 1048576, usedBytes: 0 }],
    ['Primary', false, { fileSystem: 'FAT32', label: '', sizeBytes: 1048576, usedBytes: 0 }],
  ]);
  assert.deepEqual(gpt!.partitions.map((p) => [p.role, p.active, p.volume?.fileSystem]), [
    ['MSR', false, undefined], ['Primary', false, 'RAW'],
  ]);
});
