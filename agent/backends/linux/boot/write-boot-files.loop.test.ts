/**
 * UEFI boot files on a real GPT disk: a sparse file attached as a loop device, a FAT32 EFI system partition and an
 * NTFS Windows partition (each through its own loop device), a fake applied Windows written through ntfs-3g. The ESP
 * is checked with fsck.fat and mdir, and the BCD store copied out and read with the registry-hive tools; the device
 * elements must name the partitions sgdisk reports. No EFI variables are touched.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { DiskFacts, PartitionFacts } from '../../../../engine/index.ts';
import { parsePartitionDevice } from '../../../formats/bcd/index.ts';
import { exportHive, hiveToolsAvailable, stringOf } from '../../../formats/bcd/test-support/hive-export.ts';
import { runProcess } from '../../process/run-process.ts';
import { LOOP_SKIP, loopDevicesAvailable, withLoopDisk } from '../../../../test/support/loop-device.ts';
import { writeBootFiles } from './write-boot-files.ts';

const MIB = 1024 * 1024;
const ESP_TYPE = 'C12A7328-F81F-11D2-BA4B-00A0C93EC93B';
const BASIC_DATA = 'EBD0A0A2-B9E5-4433-87C0-68B6B72699C7';
const BOOT_MANAGER = '{9dea862c-5cdd-4e70-acc1-f32b344d4795}';
const TOOLS = ['sfdisk', 'sgdisk', 'mkfs.fat', 'fsck.fat', 'mkfs.ntfs', 'ntfs-3g', 'mcopy', 'mdir'];
const have = (t: string) => spawnSync('sh', ['-c', `command -v ${t}`]).status === 0;
const missing = TOOLS.filter((t) => !have(t));
const skip = !loopDevicesAvailable() ? LOOP_SKIP
  : missing.length > 0 ? `needs ${missing.join(', ')}`
    : !hiveToolsAvailable() ? 'needs hivexregedit (libwin-hivex-perl) and hivexget (libhivex-bin)' : false;
const mtoolsEnv = { ...process.env, MTOOLS_SKIP_CHECK: '1' };

const volumeOf = (letter: string, fileSystem: 'FAT32' | 'NTFS', sizeBytes: number) => ({ letter, fileSystem, label: letter, sizeBytes, usedBytes: 0 });

/** `Partition unique GUID: X` of `sgdisk -i N`, and `Disk identifier (GUID): X` of `sgdisk -p`. */
function sgdiskGuid(args: string[], label: RegExp): string {
  const m = label.exec(execFileSync('sgdisk', args, { encoding: 'utf8' }));
  assert.ok(m, `sgdisk ${args.join(' ')} printed no GUID`);
  return m[1].toUpperCase();
}

test('UEFI boot files on a loop GPT disk: ESP files, fallback loader and a BCD store naming the partitions', { skip }, async () => {
  await withLoopDisk({ sizeBytes: 400 * MIB }, async (disk) => {
    execFileSync('sfdisk', ['--quiet', '--no-reread', '--no-tell-kernel', disk.path], {
      input: `label: gpt\nstart=2048, size=${(100 * MIB) / 512}, type=${ESP_TYPE}\nstart=${(101 * MIB) / 512}, size=${(290 * MIB) / 512}, type=${BASIC_DATA}\n`,
    });
    const espDevice = disk.partitionDevice(MIB, 100 * MIB);
    const windowsDevice = disk.partitionDevice(101 * MIB, 290 * MIB);
    execFileSync('mkfs.fat', ['-F', '32', '-n', 'SYSTEM', espDevice], { stdio: 'ignore' });
    execFileSync('mkfs.ntfs', ['--quick', '--force', '--label', 'Windows', windowsDevice], { stdio: 'ignore' });

    const esp: PartitionFacts = { number: 1, role: 'EFI', offsetBytes: MIB, sizeBytes: 100 * MIB, active: false, volume: volumeOf('S:', 'FAT32', 100 * MIB) };
    const win: PartitionFacts = { number: 2, role: 'Primary', offsetBytes: 101 * MIB, sizeBytes: 290 * MIB, active: false, volume: volumeOf('C:', 'NTFS', 290 * MIB) };
    const facts: DiskFacts = { index: 0, sizeBytes: 400 * MIB, sectorSize: 512, bus: 'Virtual', removable: false, model: '', serialNumber: '', style: 'GPT', partitions: [esp, win] };

    const mnt = join(disk.folder, 'windows');
    mkdirSync(mnt);
    execFileSync('ntfs-3g', [windowsDevice, mnt]);
    const lines: string[] = [];
    try {
      mkdirSync(join(mnt, 'Windows', 'System32'), { recursive: true });
      mkdirSync(join(mnt, 'Windows', 'Boot', 'EFI', 'en-US'), { recursive: true });
      writeFileSync(join(mnt, 'Windows', 'Boot', 'EFI', 'bootmgfw.efi'), Buffer.alloc(300 * 1024, 0x4d));
      writeFileSync(join(mnt, 'Windows', 'Boot', 'EFI', 'memtest.efi'), 'memory tester');
      writeFileSync(join(mnt, 'Windows', 'Boot', 'EFI', 'en-US', 'bootmgfw.efi.mui'), 'strings');

      const result = await writeBootFiles(runProcess, { windowsPath: 'C:\\WINDOWS', firmware: 'UEFI' }, {
        disks: [facts], architecture: 'x64', windowsVolumeRoot: mnt, log: (l) => lines.push(l),
        // Never the real NVRAM from a test, whatever this machine's firmware is.
        firmware: { mode: 'UEFI', secureBoot: false, efiVariablesWritable: false },
        names: { disk: () => disk.path, partition: (_d, p) => (p.number === 1 ? espDevice : windowsDevice) },
        volume: (l) => (l.toUpperCase().startsWith('C') ? { letter: 'C:', disk: facts, partition: win } : undefined),
      });
      assert.equal(result.uefi?.firmwareEntry.added, false);
      assert.match(lines.join('\n'), /no firmware boot entry was added; the fallback loader EFI\\Boot\\bootx64\.efi boots it/);
    } finally {
      execFileSync('umount', [mnt]);
    }

    execFileSync('fsck.fat', ['-n', espDevice], { stdio: 'ignore' });
    const listing = execFileSync('mdir', ['-b', '-i', espDevice, '::/EFI/Microsoft/Boot'], { encoding: 'utf8', env: mtoolsEnv });
    for (const name of ['bootmgfw.efi', 'memtest.efi', 'BCD', 'en-US/']) assert.match(listing, new RegExp(`::/EFI/Microsoft/Boot/${name.replace('.', '\\.')}`, 'i'));
    const out = join(disk.folder, 'out');
    mkdirSync(out);
    execFileSync('mcopy', ['-n', '-i', espDevice, '::/EFI/Boot/bootx64.efi', '::/EFI/Microsoft/Boot/BCD', out], { env: mtoolsEnv });
    assert.deepEqual(readFileSync(join(out, 'bootx64.efi')), Buffer.alloc(300 * 1024, 0x4d), 'the fallback loader is the boot manager');

    const store = exportHive(join(out, 'BCD'));
    const element = (object: string, id: string) => store.get(`\\Objects\\${object}\\Elements\\${id}`)?.get('Element');
    const diskGuid = sgdiskGuid(['-p', disk.path], /Disk identifier \(GUID\): ([0-9A-F-]{36})/i);
    const espGuid = sgdiskGuid(['-i', '1', disk.path], /Partition unique GUID: ([0-9A-F-]{36})/i);
    const windowsGuid = sgdiskGuid(['-i', '2', disk.path], /Partition unique GUID: ([0-9A-F-]{36})/i);
    assert.deepEqual(parsePartitionDevice(element(BOOT_MANAGER, '11000001')!.bytes), { style: 'GPT', diskGuid, partitionGuid: espGuid });
    assert.equal(stringOf(element(BOOT_MANAGER, '12000002')), '\\EFI\\Microsoft\\Boot\\bootmgfw.efi');
    const loader = stringOf(element(BOOT_MANAGER, '23000003'))!;
    assert.equal(store.get(`\\Objects\\${loader}\\Description`)?.get('Type')?.bytes.readUInt32LE(0), 0x10200003);
    for (const id of ['11000001', '21000001']) {
      assert.deepEqual(parsePartitionDevice(element(loader, id)!.bytes), { style: 'GPT', diskGuid, partitionGuid: windowsGuid });
    }
    assert.equal(stringOf(element(loader, '12000002')), '\\Windows\\system32\\winload.efi');
    assert.equal(stringOf(element(loader, '22000002')), '\\Windows');
  });
});
