import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { WindowsDisk } from './diskpart/read-disks.ts';
import { checkWindowsTargets, requireWindowsTargets } from './winpe-disk-safety.ts';
import type { ListedVolume } from '../../renderers/windows/diskpart-output.ts';

const volume = (index: number, letter: string | undefined, info = '', type = 'Partition'): ListedVolume => ({
  index, ...(letter ? { letter } : {}), label: '', fileSystem: 'NTFS', type, sizeBytes: 1, status: 'Healthy', info,
});

function disk(index: number, o: { boot?: boolean; removable?: boolean; readOnly?: boolean; systemFiles?: string[]; volumes?: ListedVolume[] } = {}): WindowsDisk {
  return {
    facts: { index, sizeBytes: 2 ** 34, sectorSize: 512, bus: o.removable ? 'USB' : 'NVMe', removable: o.removable ?? false, model: 'm', serialNumber: '', style: 'GPT', partitions: [] },
    detail: { model: 'm', bus: o.removable ? 'USB' : 'NVMe', readOnly: o.readOnly ?? false, bootDisk: o.boot ?? false, systemFiles: o.systemFiles ?? [], volumes: o.volumes ?? [] },
    volumes: o.volumes ?? [],
  };
}

const none = { agentDrives: [] };

test('without --target-disk or --yes every disk the sequence names is refused', () => {
  assert.deepEqual(checkWindowsTargets([disk(0)], { targetDisks: [], sequenceDisks: [0] }, none), {
    refusals: [{ disk: 'disk 0', reason: 'a live run touches no disk without --target-disk N, or --yes to accept the disks the sequence names' }],
  });
});

test('a named disk is allowed; --yes accepts the sequence\'s disks but not removable media', () => {
  const disks = [disk(0), disk(1, { removable: true })];
  assert.deepEqual(checkWindowsTargets(disks, { targetDisks: ['1'] }, none), { allowed: [disks[1]] });
  assert.deepEqual(checkWindowsTargets(disks, { targetDisks: ['\\\\.\\PhysicalDrive0'] }, none), { allowed: [disks[0]] });
  assert.deepEqual(checkWindowsTargets(disks, { targetDisks: [], yes: true, sequenceDisks: [1] }, none), {
    refusals: [{ disk: 'disk 1', reason: 'removable media: --yes does not accept it; name it with --target-disk to use it' }],
  });
  assert.deepEqual(checkWindowsTargets(disks, { targetDisks: ['7'] }, none), { refusals: [{ disk: '--target-disk 7', reason: 'no such disk: the machine has disks 0, 1' }] });
});

test('the boot disk, the agent\'s disk, a disk in use and a read-only disk are refused whatever the options say', () => {
  const disks = [
    disk(0, { boot: true, systemFiles: ['the page file'], volumes: [volume(1, 'C:', 'Boot')] }),
    disk(1, { volumes: [volume(2, 'D:')] }),
    disk(2, { readOnly: true, volumes: [volume(3, 'E:')] }),
  ];
  const decision = checkWindowsTargets(disks, { targetDisks: ['0', '1', '2'] }, { agentDrives: ['d:'] });
  assert.deepEqual(decision, { refusals: [
    { disk: 'disk 0', reason: 'the running Windows booted from it (diskpart: Boot Disk: Yes)' },
    { disk: 'disk 0', reason: 'it is in use: it holds the page file' },
    { disk: 'disk 0', reason: 'it is in use: volume 1 (C:) is the running Windows\' Boot volume' },
    { disk: 'disk 1', reason: 'it holds the agent\'s own files or media (D:)' },
    { disk: 'disk 2', reason: 'it is read-only' },
  ] });
  assert.throws(() => requireWindowsTargets(disks, { targetDisks: ['1'] }, { agentDrives: ['D:'] }),
    /refusing to touch the target disks:\ndisk 1: it holds the agent's own files or media \(D:\)/);
});

test('a volume with a letter alone is not in use (Windows PE letters every volume it finds)', () => {
  const disks = [disk(0, { volumes: [volume(0, 'C:'), volume(1, 'D:', 'Hidden')] })];
  assert.deepEqual(checkWindowsTargets(disks, { targetDisks: ['0'] }, none), { allowed: [disks[0]] });
});
