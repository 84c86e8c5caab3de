/**
 * The Linux live backend's BIOS boot files end to end on a loop device made from a sparse file (never a disk of
 * this machine): a BIOS bare-metal sequence partitions an MBR disk (an active NTFS "System Reserved" partition and
 * an NTFS Windows partition), applies a WIM shaped like a Windows image and writes the boot files; then tools taskseq
 * did not write read the result back, and, where the emulator is installed, the disk is booted: the image's bootmgr
 * is a tiny program of the test's own that writes a marker to the serial port.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { captureWim, writeFakeWindowsTree } from '../../agent/formats/wim/test-support/wim-fixtures.ts';
import { bootUntilMarker, qemuAvailable, QEMU_SKIP, serialMarkerProgram } from '../support/bios-boot-proof.ts';
import { runSequenceFile, workDir, writeFixture } from '../support/harness.ts';
import { LOOP_SKIP, loopDevicesAvailable, loopDevicesOf, withLoopDisk } from '../support/loop-device.ts';
import { applyOs, partitionDisk, sequence, type PartitionSpec } from '../support/sequence-builder.ts';

const MIB = 1024 * 1024;
const TOOLS = ['sfdisk', 'mkfs.ntfs', 'ntfs-3g', 'ntfsls', 'wimlib-imagex', 'hivexregedit', 'lsblk', 'blkid', 'file', 'grub-mkimage', '/usr/lib/grub/i386-pc/grub-bios-setup'];
const missing = TOOLS.filter((t) => { try { execFileSync('sh', ['-c', `command -v ${t}`], { stdio: 'ignore' }); return false; } catch { return true; } });
const skip = !loopDevicesAvailable() ? LOOP_SKIP : missing.length ? `needs ${missing.join(', ')} (taskseq doctor --for tests --install)` : false;
const MARKER = 'TASKSEQ BOOTMGR STARTED';

const LAYOUT: PartitionSpec[] = [
  { type: 'Primary', fileSystem: 'NTFS', size: '100', units: 'MB', bootable: true, volumeName: 'System Reserved' },
  { type: 'Primary', fileSystem: 'NTFS', size: '100', units: '%', volumeName: 'Windows', letterVariable: 'OSDisk' },
];

/** A content folder whose package LAB00100 holds a WIM of a Windows-shaped tree with a BIOS boot manager. */
function content(dir: string): string {
  const tree = writeFakeWindowsTree(join(dir, 'tree'));
  const pcat = join(tree, 'Windows', 'Boot', 'PCAT');
  mkdirSync(join(pcat, 'en-US'), { recursive: true });
  writeFileSync(join(pcat, 'bootmgr'), serialMarkerProgram(`${MARKER}\r\n`));
  writeFileSync(join(pcat, 'en-US', 'bootmgr.exe.mui'), 'strings');
  mkdirSync(join(tree, 'Windows', 'Boot', 'Fonts'), { recursive: true });
  writeFileSync(join(tree, 'Windows', 'Boot', 'Fonts', 'wgl4_boot.ttf'), 'a font');
  const root = join(dir, 'content');
  mkdirSync(join(root, 'LAB00100'), { recursive: true });
  captureWim(tree, join(root, 'LAB00100', 'install.wim'), 'Fake Windows');
  return root;
}

/** `key path -> bytes` of every `Element` in a `hivexregedit --export`. */
function exportedElements(text: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  let key = '';
  for (const line of text.replace(/\\\n\s*/g, '').split('\n')) {
    const k = /^\[(.*)\]$/.exec(line);
    if (k) { key = k[1]!; continue; }
    const v = /^"Element"=hex\((\d)\):(.*)$/.exec(line);
    if (v) out.set(key, Buffer.from(v[2]!.split(',').filter(Boolean).map((h) => parseInt(h, 16))));
  }
  return out;
}
const text = (b: Buffer | undefined) => b?.toString('utf16le').replace(/\0+$/, '');

const sh = (cmd: string, args: string[]) => execFileSync(cmd, args, { encoding: 'utf8' });

interface TableEntry { start: number; size: number; type: string; bootable?: boolean }

test('linux backend: a BIOS bare-metal sequence deploys onto an MBR loop disk that boots to bootmgr', { skip, timeout: 240_000 }, async (t) => {
  await withLoopDisk({ sizeBytes: 768 * MIB }, async (disk) => {
    const dir = workDir();
    const root = content(dir);
    const file = writeFixture(dir, 'ts.xml', sequence([partitionDisk('Partition', 'MBR', LAYOUT), applyOs('Apply Operating System', 'LAB00100')]));
    const r = await runSequenceFile(file, dir, ['--backend', 'linux', '--target-disk', disk.path, '--firmware', 'BIOS', '--content', root]);
    assert.equal(r.code, 0, `${r.stderr}\n${r.stdout}\n${r.logText.slice(-4000)}`);
    assert.deepEqual(loopDevicesOf(disk.file), [disk.path], sh('losetup', ['--json', '--list']));
    assert.doesNotMatch(readFileSync('/proc/self/mountinfo', 'utf8'), new RegExp(dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));

    // The table as sfdisk reads it: an MBR disk, the system partition active.
    const table = (JSON.parse(sh('sfdisk', ['--json', disk.path])) as { partitiontable: { label: string; id: string; partitions: TableEntry[] } }).partitiontable;
    assert.equal(table.label, 'dos');
    assert.deepEqual(table.partitions.map((p) => [p.type, p.bootable === true]), [['7', true], ['7', false]]);

    // The first sector: GRUB's boot code, and the signature and table sfdisk reports, byte for byte, behind it.
    const sector = readFileSync(disk.file).subarray(0, 2048 * 512);
    assert.match(sector.subarray(0, 440).toString('latin1'), /GRUB/);
    assert.equal(sector.readUInt32LE(440), parseInt(table.id, 16), 'the disk signature is kept');
    for (const [i, p] of table.partitions.entries()) {
      const entry = sector.subarray(446 + 16 * i, 462 + 16 * i);
      assert.deepEqual([entry[0], entry[4], entry.readUInt32LE(8), entry.readUInt32LE(12)], [p.bootable ? 0x80 : 0, 7, p.start, p.size]);
    }
    assert.equal(sector.readUInt16LE(510), 0xaa55);
    assert.notDeepEqual(sector.subarray(512, 1024), Buffer.alloc(512), 'the core image is in the gap');
    assert.match(sh('file', ['-s', disk.path]), /DOS\/MBR boot sector/);

    // The system partition: bootmgr at its root, the boot folder with the BCD store; no boot code file anywhere.
    const [system, windows] = table.partitions.map((p) => disk.partitionDevice(p.start * 512, p.size * 512));
    const names = (device: string, path: string) => sh('ntfsls', ['-p', path, device!]).split('\n').filter((n) => n !== '' && n !== '.' && n !== '..').sort();
    assert.deepEqual(names(system!, '/'), ['Boot', 'bootmgr']);
    assert.deepEqual(names(system!, '/Boot'), ['BCD', 'Fonts', 'bootmgr', 'en-US']);
    assert.doesNotMatch(names(windows!, '/').join(' '), /taskseq-boot-code|grub/i);

    const mount = join(disk.folder, 'system');
    mkdirSync(mount);
    sh('ntfs-3g', ['-o', 'ro', system!, mount]);
    let bcd: string;
    try {
      assert.deepEqual(readFileSync(join(mount, 'bootmgr')), serialMarkerProgram(`${MARKER}\r\n`));
      bcd = sh('hivexregedit', ['--export', join(mount, 'Boot', 'BCD'), '\\']);
    } finally {
      sh('umount', [mount]);
      rmSync(mount, { recursive: true, force: true });
    }
    const elements = exportedElements(bcd);
    const loader = [...elements.entries()].find(([, v]) => text(v) === '\\Windows\\system32\\winload.exe')?.[0].split('\\Elements')[0];
    assert.ok(loader, 'a Windows Boot Loader that starts winload.exe');
    assert.equal(text(elements.get(`${loader}\\Elements\\22000002`)), '\\Windows');
    // Devices by MBR signature and offset: style 1 at 0x34, the offset at 0x20, the signature at 0x38.
    const device = (key: string) => {
      const b = elements.get(key)!;
      return { style: b.readUInt32LE(0x34), offset: Number(b.readBigUInt64LE(0x20)), signature: b.readUInt32LE(0x38) };
    };
    const signature = parseInt(table.id, 16);
    assert.deepEqual(device(`${loader}\\Elements\\21000001`), { style: 1, offset: table.partitions[1]!.start * 512, signature });
    assert.deepEqual(device('\\Objects\\{9dea862c-5cdd-4e70-acc1-f32b344d4795}\\Elements\\11000001'), { style: 1, offset: table.partitions[0]!.start * 512, signature });

    // The boot proof: the BIOS runs the MBR code, the core image loads bootmgr from the active partition.
    await t.test('boots in an emulated PC to the image\'s bootmgr', { skip: qemuAvailable() ? false : QEMU_SKIP }, async () => {
      const serial = await bootUntilMarker(disk.file, join(disk.folder, 'serial.txt'), MARKER);
      assert.match(serial, new RegExp(MARKER));
    });
  });
});
