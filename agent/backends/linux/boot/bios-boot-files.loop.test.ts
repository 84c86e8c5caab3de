/**
 * BIOS boot files on a real MBR disk: a sparse file attached as a loop device, an active NTFS system partition and
 * an NTFS Windows partition (each through its own loop device), a fake applied Windows written through ntfs-3g.
 * The MBR's signature and table (bytes 440..511) must be the same after the boot code is written, the core image
 * must be in the gap, and the files must be on the system partition as ntfsls lists them.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { DiskFacts, PartitionFacts } from '../../../../engine/index.ts';
import { runProcess } from '../../process/run-process.ts';
import { LOOP_SKIP, loopDevicesAvailable, withLoopDisk } from '../../../../test/support/loop-device.ts';
import { GRUB_BIOS_SETUP } from './grub-boot-code.ts';
import { writeBootFiles } from './write-boot-files.ts';

const MIB = 1024 * 1024;
const TOOLS = ['sfdisk', 'mkfs.ntfs', 'ntfs-3g', 'ntfsls', 'grub-mkimage', GRUB_BIOS_SETUP];
const have = (t: string) => spawnSync('sh', ['-c', `command -v ${t}`]).status === 0;
const missing = TOOLS.filter((t) => !have(t));
const skip = !loopDevicesAvailable() ? LOOP_SKIP : missing.length > 0 ? `needs ${missing.join(', ')}` : false;

const volumeOf = (letter: string, sizeBytes: number) => ({ letter, fileSystem: 'NTFS' as const, label: letter, sizeBytes, usedBytes: 0 });
const listing = (device: string, path: string) => execFileSync('ntfsls', ['-p', path, device], { encoding: 'utf8' }).split('\n').filter((n) => n !== '' && n !== '.' && n !== '..').sort();

test('BIOS boot files on a loop MBR disk: the table kept, the core image in the gap, the files on the active partition', { skip, timeout: 120_000 }, async () => {
  await withLoopDisk({ sizeBytes: 300 * MIB }, async (disk) => {
    execFileSync('sfdisk', ['--quiet', '--no-reread', '--no-tell-kernel', disk.path], {
      input: `label: dos\nstart=2048, size=${(100 * MIB) / 512}, type=7, bootable\nstart=${(101 * MIB) / 512}, size=${(190 * MIB) / 512}, type=7\n`,
    });
    const systemDevice = disk.partitionDevice(MIB, 100 * MIB);
    const windowsDevice = disk.partitionDevice(101 * MIB, 190 * MIB);
    for (const [device, label] of [[systemDevice, 'System Reserved'], [windowsDevice, 'Windows']]) {
      execFileSync('mkfs.ntfs', ['--quick', '--force', '--label', label!, device!], { stdio: 'ignore' });
    }
    const system: PartitionFacts = { number: 1, role: 'Primary', offsetBytes: MIB, sizeBytes: 100 * MIB, active: true, volume: volumeOf('C:', 100 * MIB) };
    const win: PartitionFacts = { number: 2, role: 'Primary', offsetBytes: 101 * MIB, sizeBytes: 190 * MIB, active: false, volume: volumeOf('D:', 190 * MIB) };
    const facts: DiskFacts = { index: 0, sizeBytes: 300 * MIB, sectorSize: 512, bus: 'Virtual', removable: false, model: '', serialNumber: '', style: 'MBR', partitions: [system, win] };
    const before = readFileSync(disk.file).subarray(440, 512);

    const mounts = { C: join(disk.folder, 'system'), D: join(disk.folder, 'windows') };
    mkdirSync(mounts.C);
    mkdirSync(mounts.D);
    execFileSync('ntfs-3g', [systemDevice, mounts.C]);
    execFileSync('ntfs-3g', [windowsDevice, mounts.D]);
    try {
      mkdirSync(join(mounts.D, 'Windows', 'System32'), { recursive: true });
      mkdirSync(join(mounts.D, 'Windows', 'Boot', 'PCAT', 'en-US'), { recursive: true });
      writeFileSync(join(mounts.D, 'Windows', 'Boot', 'PCAT', 'bootmgr'), Buffer.alloc(400 * 1024, 0x42));
      writeFileSync(join(mounts.D, 'Windows', 'Boot', 'PCAT', 'en-US', 'bootmgr.exe.mui'), 'strings');
      const result = await writeBootFiles(runProcess, { windowsPath: 'D:\\Windows', firmware: 'BIOS' }, {
        disks: [facts], architecture: 'x64', windowsVolumeRoot: mounts.D, log: () => undefined,
        firmware: { mode: 'BIOS', secureBoot: false, efiVariablesWritable: false },
        volumeRoot: (l) => (l.toUpperCase().startsWith('C') ? mounts.C : l.toUpperCase().startsWith('D') ? mounts.D : undefined),
        names: { disk: () => disk.path, partition: (_d, p) => (p.number === 1 ? systemDevice : windowsDevice) },
        volume: (l) => [{ letter: 'C:', disk: facts, partition: system }, { letter: 'D:', disk: facts, partition: win }].find((v) => v.letter === l.slice(0, 2).toUpperCase()),
      });
      assert.ok(result.bios && result.bios.coreBytes > 512 && result.bios.coreBytes < MIB - 512);
    } finally {
      execFileSync('umount', [mounts.C]);
      execFileSync('umount', [mounts.D]);
    }

    const image = readFileSync(disk.file);
    assert.deepEqual(image.subarray(440, 512), before, 'the disk signature and the partition table are kept byte for byte');
    assert.match(image.subarray(0, 440).toString('latin1'), /GRUB/, 'GRUB\'s MBR code');
    assert.notDeepEqual(image.subarray(512, 1024), Buffer.alloc(512), 'the core image in the gap');
    assert.deepEqual(listing(systemDevice, '/'), ['Boot', 'bootmgr']);
    assert.deepEqual(listing(systemDevice, '/Boot'), ['BCD', 'bootmgr', 'en-US']);
    assert.deepEqual(listing(windowsDevice, '/'), ['Windows'], 'nothing added to the Windows partition');
  });
});
