import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TaskseqError } from '../../../engine/index.ts';
import type { BlockDevice, BlockPartition } from './block-device.ts';
import { checkTargetDisks, formatRefusal, requireTargetDisks, type TargetRequest } from './disk-safety.ts';
import type { SafetyFacts } from './safety-facts.ts';

const GiB = 1024 ** 3;

function partition(number: number, path?: string, mountpoints: string[] = []): BlockPartition {
  return { ...(path ? { path } : {}), number, startBytes: number * GiB, sizeBytes: GiB, typeId: '0x07', attributes: '', bootable: false, mountpoints };
}

function disk(path: string, over: Partial<BlockDevice> = {}): BlockDevice {
  return {
    path, kind: path.startsWith('/dev/loop') ? 'loop' : 'disk', sizeBytes: 64 * GiB, logicalSectorSize: 512, removable: false,
    readOnly: false, model: 'm', serial: 's', mountpoints: [], partitions: [], ...over,
  };
}

/** 0 the system disk, 1 a spare disk, 2 a USB stick, 3 a loop disk over an image, 4 a partition loop over it. */
const machine: BlockDevice[] = [
  disk('/dev/sda', { partitions: [partition(1, '/dev/sda1'), partition(2, '/dev/sda2')] }),
  disk('/dev/sdb', { partitions: [partition(1, '/dev/sdb1')] }),
  disk('/dev/sdc', { removable: true, transport: 'usb' }),
  disk('/dev/loop3', { backing: { file: '/tmp/t/disk.img', offsetBytes: 0 } }),
  disk('/dev/loop4', { backing: { file: '/tmp/t/disk.img', offsetBytes: 1048576, sizeLimitBytes: GiB } }),
];

/** Booted from sda2 (mounted at /), sda1 at /boot/efi. */
const facts: SafetyFacts = {
  boot: [{ path: '/', chain: { devices: ['/dev/sda2', '/dev/sda'], files: [] } }],
  mounts: [
    { mountPoint: '/', chain: { devices: ['/dev/sda2', '/dev/sda'], files: [] } },
    { mountPoint: '/boot/efi', chain: { devices: ['/dev/sda1', '/dev/sda'], files: [] } },
  ],
};

function refusals(request: TargetRequest, f: SafetyFacts = facts, devices = machine): string[] {
  const d = checkTargetDisks(devices, request, f);
  assert.ok('refusals' in d, `expected refusals, got ${JSON.stringify(d)}`);
  return d.refusals.map(formatRefusal);
}

function allowed(request: TargetRequest, f: SafetyFacts = facts, devices = machine): string[] {
  const d = checkTargetDisks(devices, request, f);
  assert.ok('allowed' in d, `expected allowed, got ${JSON.stringify(d)}`);
  return d.allowed.map((x) => x.path);
}

test('without --target-disk or --yes every disk the sequence names is refused, by path', () => {
  assert.deepEqual(refusals({ targetDisks: [], sequenceDisks: [1, 2] }), [
    '/dev/sdb (disk 1): a live run touches no disk without --target-disk N|/dev/X, or --yes to accept the disks the sequence names',
    '/dev/sdc (disk 2): a live run touches no disk without --target-disk N|/dev/X, or --yes to accept the disks the sequence names',
  ]);
  assert.deepEqual(refusals({ targetDisks: [] }), [
    'no disk named: a live run touches no disk without --target-disk N|/dev/X, or --yes to accept the disks the sequence names',
  ]);
});

test('--target-disk takes a disk number in the probe\'s order or a /dev path, each disk once', () => {
  assert.deepEqual(allowed({ targetDisks: ['1'] }), ['/dev/sdb']);
  assert.deepEqual(allowed({ targetDisks: ['/dev/sdb', '1', '/dev/loop3'] }), ['/dev/sdb', '/dev/loop3']);
  assert.deepEqual(allowed({ targetDisks: ['1'], yes: true, sequenceDisks: [2] }), ['/dev/sdb'], '--target-disk wins over --yes');
});

test('a target that names no disk is refused with what the machine has', () => {
  assert.deepEqual(refusals({ targetDisks: ['7', '/dev/sdz', 'sdb', '/dev/sdb1'] }), [
    '--target-disk 7: no such disk: the machine has 5 disks: 0 /dev/sda, 1 /dev/sdb, 2 /dev/sdc, 3 /dev/loop3, 4 /dev/loop4',
    '--target-disk /dev/sdz: no such disk: the machine has 5 disks: 0 /dev/sda, 1 /dev/sdb, 2 /dev/sdc, 3 /dev/loop3, 4 /dev/loop4',
    '--target-disk sdb: not a disk number or a /dev/ path',
    '--target-disk /dev/sdb1: is a partition of /dev/sdb (disk 1): name the whole disk',
  ]);
  assert.deepEqual(refusals({ targetDisks: [], yes: true, sequenceDisks: [9] }, facts, machine.slice(0, 1)),
    ['disk 9: the sequence names disk 9, but the machine has 1 disk: 0 /dev/sda']);
});

test('the boot disk is refused whatever the options say, and so is a disk with a mounted file system', () => {
  assert.deepEqual(refusals({ targetDisks: ['0'] }), [
    '/dev/sda (disk 0): the agent booted from it: it holds /',
    '/dev/sda (disk 0): partition 2 (/dev/sda2) is mounted at /',
    '/dev/sda (disk 0): partition 1 (/dev/sda1) is mounted at /boot/efi',
  ]);
  const agentOnSdb: SafetyFacts = { ...facts, boot: [...facts.boot, { path: '/opt/taskseq/taskseq.cjs', chain: { devices: ['/dev/sdb1', '/dev/sdb'], files: [] } }] };
  assert.deepEqual(refusals({ targetDisks: [], yes: true, sequenceDisks: [1] }, agentOnSdb),
    ['/dev/sdb (disk 1): the agent booted from it: it holds /opt/taskseq/taskseq.cjs']);
});

test('a partition mounted as the probe saw it, or a mount of the whole disk, refuses the disk', () => {
  const devices = [machine[0], disk('/dev/sdb', { partitions: [partition(1, undefined, ['/mnt/data'])] }), disk('/dev/sdd', { mountpoints: ['/srv'] })];
  assert.deepEqual(refusals({ targetDisks: ['1', '2'] }, facts, devices), [
    '/dev/sdb (disk 1): partition 1 is mounted at /mnt/data',
    '/dev/sdd (disk 2): a file system on it is mounted at /srv',
  ]);
  const dataOnDm: SafetyFacts = { ...facts, mounts: [...facts.mounts, { mountPoint: '/data', chain: { devices: ['/dev/dm-1', '/dev/sdb1', '/dev/sdb'], files: [] } }] };
  assert.deepEqual(refusals({ targetDisks: ['1'] }, dataOnDm), ['/dev/sdb (disk 1): partition 1 (/dev/sdb1) is mounted at /data through /dev/dm-1']);
  const wholeDiskOnDm: SafetyFacts = { ...facts, mounts: [{ mountPoint: '/data', chain: { devices: ['/dev/dm-2', '/dev/sdd'], files: [] } }] };
  assert.deepEqual(refusals({ targetDisks: ['2'] }, wholeDiskOnDm, devices), ['/dev/sdd (disk 2): a file system on it is mounted at /srv', '/dev/sdd (disk 2): a file system on it is mounted at /data through /dev/dm-2']);
});

test('a loop disk is busy when another loop device over the same file is mounted', () => {
  const partitionMounted: SafetyFacts = { ...facts, mounts: [{ mountPoint: '/tmp/t/mnt', chain: { devices: ['/dev/loop4'], files: ['/tmp/t/disk.img'] } }] };
  assert.deepEqual(refusals({ targetDisks: ['/dev/loop3'] }, partitionMounted),
    ['/dev/loop3 (disk 3): /dev/loop4, over the same file /tmp/t/disk.img, is mounted at /tmp/t/mnt']);
  assert.deepEqual(refusals({ targetDisks: ['/dev/loop4'] }, partitionMounted),
    ['/dev/loop4 (disk 4): a file system on it is mounted at /tmp/t/mnt']);
  assert.deepEqual(allowed({ targetDisks: ['/dev/loop3'] }), ['/dev/loop3'], 'not mounted: allowed');
});

test('removable media only when --target-disk names it; --yes does not accept it', () => {
  assert.deepEqual(refusals({ targetDisks: [], yes: true, sequenceDisks: [1, 2] }),
    ['/dev/sdc (disk 2): removable media: --yes does not accept it; name it with --target-disk to use it']);
  assert.deepEqual(allowed({ targetDisks: ['/dev/sdc'] }), ['/dev/sdc']);
  assert.deepEqual(allowed({ targetDisks: [], yes: true, sequenceDisks: [1, 1, 3] }), ['/dev/sdb', '/dev/loop3']);
});

test('a read-only disk is refused', () => {
  assert.deepEqual(refusals({ targetDisks: ['0'] }, { boot: [], mounts: [] }, [disk('/dev/sr0', { readOnly: true })]),
    ['/dev/sr0 (disk 0): it is read-only']);
});

test('when the boot disk cannot be found, only loop devices may be targeted', () => {
  const unknown: SafetyFacts = {
    boot: [{ path: '/', chain: { devices: [], files: [] }, unresolved: '/ is on overlay (overlay) and no block device is readable beneath its layers' }],
    mounts: [],
  };
  assert.deepEqual(refusals({ targetDisks: ['1'] }, unknown), [
    '/dev/sdb (disk 1): the boot disk is not known (/ is on overlay (overlay) and no block device is readable beneath its layers), so only loop devices may be targeted',
  ]);
  assert.deepEqual(allowed({ targetDisks: ['3'] }, unknown), ['/dev/loop3']);
});

test('a loop device over the file the system booted from is the boot disk', () => {
  const liveImage: SafetyFacts = { boot: [{ path: '/', chain: { devices: ['/dev/loop9', '/dev/sdc'], files: ['/tmp/t/disk.img'] } }], mounts: [] };
  assert.deepEqual(refusals({ targetDisks: ['3'] }, liveImage), ['/dev/loop3 (disk 3): the agent booted from it: it holds /']);
});

test('requireTargetDisks throws invalid-input with one line per refusal, or returns the allowed disks', () => {
  assert.deepEqual(requireTargetDisks(machine, { targetDisks: ['1'] }, facts).map((d) => d.path), ['/dev/sdb']);
  assert.throws(() => requireTargetDisks(machine, { targetDisks: ['0', '2'], yes: true }, facts), (e: unknown) => {
    assert.ok(e instanceof TaskseqError);
    assert.equal(e.code, 'invalid-input');
    assert.match(e.message, /^refusing to touch the target disks:\n\/dev\/sda \(disk 0\): the agent booted from it: it holds \/\n/);
    assert.equal(e.problems.length, 3, "sda three times; sdc is named explicitly");
    return true;
  });
});
