import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bcdPartitionAt, parseDiskIdentity } from './partition-identity.ts';

const gpt = JSON.stringify({ partitiontable: {
  label: 'gpt', id: 'da136996-4034-5b4b-95bf-41c9e83b8521', device: '/dev/loop3', unit: 'sectors', sectorsize: 512,
  partitions: [
    { node: '/dev/loop3p1', start: 2048, size: 204800, type: 'C12A7328-F81F-11D2-BA4B-00A0C93EC93B', uuid: '0b7ebbcf-7c1e-b54b-9885-c10cf3fc4261' },
    { node: '/dev/loop3p2', start: 206848, size: 200704, type: 'EBD0A0A2-B9E5-4433-87C0-68B6B72699C7' },
  ],
} });
const mbr = JSON.stringify({ partitiontable: { label: 'dos', id: '0x6b87ad25', device: '/dev/sdb', unit: 'sectors', sectorsize: 4096, partitions: [{ node: '/dev/sdb1', start: 256, size: 1000, type: '7', bootable: true }] } });
const argv = ['sfdisk', '--json', '/dev/loop3'];

describe('partition identities for the BCD store', () => {
  it('GPT: the disk GUID and the partition GUID of the partition at an offset, upper case', () => {
    const disk = parseDiskIdentity('/dev/loop3', argv, gpt);
    assert.deepEqual(bcdPartitionAt(disk, 2048 * 512), { style: 'GPT', diskGuid: 'DA136996-4034-5B4B-95BF-41C9E83B8521', partitionGuid: '0B7EBBCF-7C1E-B54B-9885-C10CF3FC4261' });
  });

  it('MBR: the disk signature and the offset in bytes, by the table\'s sector size', () => {
    assert.deepEqual(bcdPartitionAt(parseDiskIdentity('/dev/sdb', argv, mbr), 256 * 4096), { style: 'MBR', diskSignature: 0x6b87ad25, offsetBytes: 256 * 4096 });
  });

  it('refuses a partition that is not there, one without a GUID and a disk without a table', () => {
    const disk = parseDiskIdentity('/dev/loop3', argv, gpt);
    assert.throws(() => bcdPartitionAt(disk, 512), /has no partition starting at byte 512/);
    assert.throws(() => bcdPartitionAt(disk, 206848 * 512), /has no GUID/);
    assert.throws(() => parseDiskIdentity('/dev/loop3', argv, '{"partitiontable":{"label":"sun"}}'), /shows no GPT or MBR table/);
    assert.throws(() => parseDiskIdentity('/dev/loop3', argv, 'nope'), /printed no valid JSON/);
  });
});
