import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { test } from 'node:test';
import { LOOP_SKIP, loopBlockDevice, loopDevicesAvailable, loopDevicesOf, withLoopDisk } from './loop-device.ts';

/** Every loop device's backing file, as `losetup --json` lists them (a deleted one ends in ` (deleted)`). */
function backingFilesNow(): string[] {
  const out = execFileSync('losetup', ['--json', '--list', '--output', 'NAME,BACK-FILE'], { encoding: 'utf8' });
  return out.trim() === '' ? [] : (JSON.parse(out) as { loopdevices: { 'back-file': string }[] }).loopdevices.map((d) => d['back-file']);
}

const skip = loopDevicesAvailable() ? false : LOOP_SKIP;
const MiB = 1024 * 1024;

test('a loop disk is a sparse file behind a loop device of the asked size and sector size, with partition loops', { skip }, async () => {
  await withLoopDisk({ sizeBytes: 64 * MiB, sectorSize: 4096 }, async (disk) => {
    assert.match(disk.path, /^\/dev\/loop\d+$/);
    assert.ok(statSync(disk.file).blocks * 512 < MiB, 'the image is sparse');
    const whole = loopBlockDevice(disk.path);
    assert.deepEqual([whole.sizeBytes, whole.logicalSectorSize, whole.backing], [64 * MiB, 4096, { file: disk.file, offsetBytes: 0 }]);
    const part = disk.partitionDevice(MiB, 16 * MiB);
    assert.deepEqual(loopBlockDevice(part).backing, { file: disk.file, offsetBytes: MiB, sizeLimitBytes: 16 * MiB });
    assert.equal(loopBlockDevice(part).sizeBytes, 16 * MiB);
    assert.deepEqual(loopDevicesOf(disk.file).sort(), [disk.path, part].sort());
  });
});

test('after the callback throws, no loop device lists the file and the file is gone', { skip }, async () => {
  let file = '';
  await assert.rejects(withLoopDisk({ sizeBytes: 8 * MiB }, async (disk) => {
    file = disk.file;
    disk.partitionDevice(0, 4 * MiB);
    disk.partitionDevice(4 * MiB, 4 * MiB);
    assert.equal(loopDevicesOf(file).length, 3);
    throw new Error('the test failed');
  }), /the test failed/);
  assert.deepEqual(backingFilesNow().filter((f) => f.startsWith(file)), [], 'losetup --json lists no loop over the file');
  assert.equal(existsSync(file), false);
});
