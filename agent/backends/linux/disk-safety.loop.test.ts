/**
 * The safety rules against the real system: loop devices over sparse files, the real mountinfo and sysfs. Nothing
 * here writes to any device but the loop devices it made.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { test } from 'node:test';
import { LOOP_SKIP, loopBlockDevice, loopDevicesAvailable, withLoopDisk } from '../../../test/support/loop-device.ts';
import type { BlockDevice } from './block-device.ts';
import { checkTargetDisks, formatRefusal } from './disk-safety.ts';
import { readSafetyFacts } from './safety-facts.ts';

const MiB = 1024 * 1024;
const loops = loopDevicesAvailable();
const hasNtfs = ['mkfs.ntfs', 'ntfs-3g'].every((t) => spawnSync('sh', ['-c', `command -v ${t}`]).status === 0);
const ntfsSkip = !loops ? LOOP_SKIP : !hasNtfs ? 'needs mkfs.ntfs and ntfs-3g (Debian package ntfs-3g)' : false;

function refusalsOf(decision: ReturnType<typeof checkTargetDisks>): string[] {
  return 'refusals' in decision ? decision.refusals.map(formatRefusal) : [];
}

test('a loop disk whose partition loop has a mounted NTFS file system is refused as mounted', { skip: ntfsSkip }, async () => {
  await withLoopDisk({ sizeBytes: 64 * MiB }, async (disk) => {
    const part = disk.partitionDevice(MiB, 62 * MiB);
    execFileSync('mkfs.ntfs', ['--quick', '--force', '--label', 'Windows', part], { stdio: 'ignore' });
    const mnt = `${disk.folder}/mnt`;
    mkdirSync(mnt);
    // Only the disk loop is listed, as a probe that hides partition loops would list it: the file links the two.
    const devices: BlockDevice[] = [loopBlockDevice(disk.path)];
    execFileSync('ntfs-3g', [part, mnt]);
    try {
      assert.deepEqual(refusalsOf(checkTargetDisks(devices, { targetDisks: [disk.path] }, readSafetyFacts())), [
        `${disk.path} (disk 0): ${part}, over the same file ${disk.file}, is mounted at ${mnt}`,
      ]);
      const withPartitionLoop = [...devices, loopBlockDevice(part)];
      assert.deepEqual(refusalsOf(checkTargetDisks(withPartitionLoop, { targetDisks: [part] }, readSafetyFacts())), [
        `${part} (disk 1): a file system on it is mounted at ${mnt}`,
      ]);
    } finally {
      execFileSync('umount', [mnt]);
    }
    assert.deepEqual(checkTargetDisks(devices, { targetDisks: [disk.path] }, readSafetyFacts()), { allowed: devices },
      'unmounted, the same disk may be targeted');
  });
});

test('the disk holding / is refused as the boot disk, by number, by path and through --yes', (t) => {
  const facts = readSafetyFacts();
  const root = facts.boot.find((b) => b.path === '/')!;
  if (root.chain.devices.length === 0) {
    // Nothing readable backs / here (a container's overlay): the check must say so and refuse every hardware disk.
    t.diagnostic(`/ has no block device beneath it here: ${root.unresolved}`);
    const someDisk: BlockDevice = fakeDisk('/dev/sdx');
    assert.match(refusalsOf(checkTargetDisks([someDisk], { targetDisks: ['0'] }, facts))[0], /the boot disk is not known \(\/ .*\), so only loop devices may be targeted/);
    return;
  }
  // The devices beneath / stand for themselves here; the check only reads them, nothing touches them.
  const devices = root.chain.devices.map(fakeDisk);
  for (const [i, d] of devices.entries()) {
    for (const targetDisks of [[String(i)], [d.path]]) {
      const refused = refusalsOf(checkTargetDisks(devices, { targetDisks }, facts));
      assert.ok(refused.some((r) => r.startsWith(`${d.path} (disk ${i}): the agent booted from it: it holds /`)), refused.join('\n'));
    }
  }
  assert.ok(refusalsOf(checkTargetDisks(devices, { targetDisks: [], yes: true, sequenceDisks: [0] }, facts)).some((r) => r.includes('the agent booted from it')));
});

test('a loop disk without --target-disk or --yes is refused; named, it is allowed', { skip: loops ? false : LOOP_SKIP }, async () => {
  await withLoopDisk({ sizeBytes: 8 * MiB, sectorSize: 4096 }, async (disk) => {
    const devices = [loopBlockDevice(disk.path)];
    const facts = readSafetyFacts();
    assert.deepEqual(refusalsOf(checkTargetDisks(devices, { targetDisks: [], sequenceDisks: [0] }, facts)), [
      `${disk.path} (disk 0): a live run touches no disk without --target-disk N|/dev/X, or --yes to accept the disks the sequence names`,
    ]);
    assert.deepEqual(checkTargetDisks(devices, { targetDisks: ['0'] }, facts), { allowed: devices });
  });
});

/** A hardware disk with only a path: enough for the boot rule, which compares device nodes. */
function fakeDisk(path: string): BlockDevice {
  return { path, kind: 'disk', sizeBytes: 0, logicalSectorSize: 512, removable: false, readOnly: false, model: '', serial: '', mountpoints: [], partitions: [] };
}
