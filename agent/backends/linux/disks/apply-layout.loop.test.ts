// Layouts applied to a loop device over a sparse file (never a disk of this machine), checked with tools taskseq did
// not write to: sfdisk --json, fsck.fat, fatlabel, ntfsinfo, and ntfs-3g for the files.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { closeSync, openSync, readFileSync, readSync, writeSync } from 'node:fs';
import { describe, it } from 'node:test';
import { GPT_TYPE, type DiskFacts } from '../../../../engine/index.ts';
import { runProcess } from '../../process/run-process.ts';
import { LOOP_SKIP, loopDevicesAvailable, withLoopDisk } from '../../../../test/support/loop-device.ts';
import { applyLayout, type LayoutResult } from './apply-layout.ts';
import { createLiveVolumes } from '../../live/live-volumes.ts';
import { BIOS, DISK_600, layoutOf, MiB, UEFI } from './test-support/layouts.ts';
import { missingTools, probeUntilStable, withLoopTarget, type LoopTarget } from './test-support/loop-target.ts';

const missing = loopDevicesAvailable() ? missingTools() : [];
const SKIP = !loopDevicesAvailable() ? LOOP_SKIP : missing.length > 0 ? `missing ${missing.join(', ')}` : false;

const sh = (argv: string[]) => execFileSync(argv[0]!, argv.slice(1), { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

interface SfdiskPartition { node: string; start: number; size: number; type: string; attrs?: string; name?: string; bootable?: boolean }
const tableOf = (device: string) => JSON.parse(sh(['sfdisk', '--json', device])).partitiontable as { label: string; partitions: SfdiskPartition[] };

async function apply(t: LoopTarget, options: Record<string, string>): Promise<LayoutResult> {
  const facts: DiskFacts = { ...DISK_600, style: 'RAW', partitions: [] };
  return applyLayout(runProcess, { facts, devices: t.devices, lettersInUse: new Set(), inWinPE: true, beforeWrite: () => t.mounts.unmountDisk(0), probe: probeUntilStable }, layoutOf(options));
}

/** The hidden-sectors field of the boot sector at `offset` (FAT32 and NTFS keep it at 0x1c). */
function hiddenSectors(device: string, offset: number): number {
  const fd = openSync(device, 'r');
  try {
    const b = Buffer.alloc(512);
    readSync(fd, b, 0, 512, offset);
    return b.readUInt32LE(0x1c);
  } finally { closeSync(fd); }
}

/** The partition's device, as applyLayout resolved it. */
const deviceOf = (t: LoopTarget, r: LayoutResult, n: number) => t.devices.pathOf(r.disk.partitions.find((p) => p.number === n)!);

describe('Linux layouts on a loop disk', { skip: SKIP }, () => {
  it('UEFI: GPT with EFI (FAT32), MSR, Windows (C:) and Recovery (NTFS), as sfdisk, fsck.fat and ntfsinfo read them', () =>
    withLoopDisk({ sizeBytes: 600 * MiB }, (disk) => withLoopTarget(disk, async (t) => {
      const r = await apply(t, UEFI);
      const table = tableOf(disk.path);
      assert.equal(table.label, 'gpt');
      assert.deepEqual(table.partitions.map((p) => [p.start * 512 / MiB, p.size * 512 / MiB, p.type, p.attrs ?? '', p.name]), [
        [1, 100, GPT_TYPE.efiSystem, '', 'EFI system partition'],
        [101, 16, GPT_TYPE.microsoftReserved, '', 'Microsoft reserved partition'],
        [117, 182, GPT_TYPE.basicData, '', 'Basic data partition'],
        [299, 300, GPT_TYPE.recovery, 'RequiredPartition GUID:63', 'Basic data partition'],
      ]);
      sh(['fsck.fat', '-n', deviceOf(t, r, 1)]);
      assert.deepEqual([hiddenSectors(disk.path, MiB), hiddenSectors(disk.path, 117 * MiB)], [2048, 117 * 2048]);
      assert.equal(sh(['fatlabel', deviceOf(t, r, 1)]).trim(), 'System');
      assert.match(sh(['ntfsinfo', '-m', deviceOf(t, r, 3)]), /Volume Name: Windows\n/);
      assert.match(sh(['ntfsinfo', '-m', deviceOf(t, r, 4)]), /Volume Name: Recovery\n/);
      assert.deepEqual(r.applied.letters, [{ number: 1 }, { number: 2 }, { number: 3, letter: 'C:' }, { number: 4 }]);
      assert.deepEqual(r.disk.partitions.map((p) => [p.number, p.role, p.volume?.fileSystem, p.volume?.label, p.volume?.letter]), [
        [1, 'EFI', 'FAT32', 'System', undefined], [2, 'MSR', undefined, undefined, undefined],
        [3, 'Primary', 'NTFS', 'Windows', 'C:'], [4, 'Recovery', 'NTFS', 'Recovery', undefined],
      ]);
      assert.equal(r.disk.style, 'GPT');
    })));

  it('BIOS: MBR with the active System Reserved and Windows (C:), both NTFS; files through the volumes object on an ntfs-3g mount', () =>
    withLoopDisk({ sizeBytes: 600 * MiB }, (disk) => withLoopTarget(disk, async (t) => {
      const r = await apply(t, BIOS);
      const table = tableOf(disk.path);
      assert.equal(table.label, 'dos');
      assert.deepEqual(table.partitions.map((p) => [p.start * 512 / MiB, p.size * 512 / MiB, p.type, p.bootable === true]), [
        [1, 100, '7', true], [101, 499, '7', false],
      ]);
      assert.match(sh(['ntfsinfo', '-m', deviceOf(t, r, 1)]), /Volume Name: System Reserved\n/);
      // The boot sectors record where their partitions start (hidden sectors), as Windows needs to boot from them.
      assert.deepEqual([hiddenSectors(disk.path, MiB), hiddenSectors(disk.path, 101 * MiB)], [2048, 101 * 2048]);
      assert.deepEqual(r.applied.letters, [{ number: 1 }, { number: 2, letter: 'C:' }]);

      const windows = r.disk.partitions.find((p) => p.volume?.letter === 'C:')!;
      await t.mounts.mount({ letter: 'C:', device: deviceOf(t, r, 2), diskIndex: 0, partition: windows.number });
      const volumes = createLiveVolumes({
        volume: (l) => r.disk.partitions.find((p) => p.volume?.letter === l)?.volume,
        rootOf: (l) => t.mounts.rootOf(l), fileSystems: ['NTFS'],
      });
      volumes.writeFile('C:', 'Windows\\Panther\\unattend.xml', '<unattend/>');
      volumes.writeFile('c:', '_SMSTaskSequence\\state.txt', 'kept');
      volumes.writeFile('C:', 'Users\\old.txt', 'gone');
      assert.equal(volumes.readFile('C:', 'WINDOWS\\panther\\UNATTEND.XML'), '<unattend/>');
      assert.deepEqual(volumes.list('C:'), ['Users', 'Windows', '_SMSTaskSequence']);
      assert.throws(() => volumes.writeFile('C:', '..\\escape.txt', 'x'), /'\.\.' \(a name of dots, which would leave the folder\)/);
      assert.ok(volumes.freeBytes('C:') > 400 * MiB);
      assert.equal(volumes.wipe('C:', ['_smstasksequence']), 2);
      assert.deepEqual(volumes.list('C:'), ['_SMSTaskSequence']);
      assert.equal(volumes.readFile('C:', '_SMSTaskSequence\\state.txt'), 'kept');

      // Unmounted and read from the raw device by a tool taskseq did not write: the file is on the NTFS volume.
      await t.mounts.unmount('C:');
      assert.match(sh(['ntfsls', deviceOf(t, r, 2)]), /_SMSTaskSequence/);
    })));

  it('a test that fails with a volume mounted leaves nothing mounted and no partition loop attached', () =>
    withLoopDisk({ sizeBytes: 600 * MiB }, async (disk) => {
      await assert.rejects(withLoopTarget(disk, async (t) => {
        const r = await apply(t, BIOS);
        await t.mounts.mount({ letter: 'C:', device: deviceOf(t, r, 2), diskIndex: 0, partition: 2 });
        assert.match(readFileSync('/proc/self/mountinfo', 'utf8'), new RegExp(`${disk.folder}/mnt/C `));
        throw new Error('the test failed here');
      }), /the test failed here/);
      assert.doesNotMatch(readFileSync('/proc/self/mountinfo', 'utf8'), new RegExp(disk.folder));
      assert.equal(sh(['losetup', '--list', '--noheadings', '--associated', disk.path]).trim(), '', 'no loop over the disk device is left');
    }));

  it('a partition loop and its disk agree once both are flushed, in both directions', () =>
    withLoopDisk({ sizeBytes: 64 * MiB }, (disk) => withLoopTarget(disk, async (t) => {
      const part = await t.devices.resolve({ number: 1, offsetBytes: MiB, sizeBytes: 16 * MiB });
      const readAt = (device: string, at: number) => {
        const fd = openSync(device, 'r');
        try {
          const b = Buffer.alloc(512);
          readSync(fd, b, 0, 512, at);
          return b.toString('latin1', 0, 5);
        } finally { closeSync(fd); }
      };
      const writeAt = (device: string, at: number, text: string) => {
        const fd = openSync(device, 'r+');
        try { writeSync(fd, Buffer.from(text.padEnd(512, '\0'), 'latin1'), 0, 512, at); } finally { closeSync(fd); }
      };
      const held = openSync(part, 'r'); // held open as a mount holds it: its cache outlives the readers' closes
      try {
        assert.equal(readAt(part, 4096), '\0\0\0\0\0');
        writeAt(disk.path, MiB + 4096, 'DISK1');
        await t.devices.flush();
        assert.equal(readAt(part, 4096), 'DISK1', 'the partition sees what the disk wrote');
        writeAt(part, 8192, 'PART1');
        await t.devices.flush();
        assert.equal(readAt(disk.path, MiB + 8192), 'PART1', 'the disk sees what the partition wrote');
      } finally { closeSync(held); }
    })));
});
