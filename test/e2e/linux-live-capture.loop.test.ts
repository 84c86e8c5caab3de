/**
 * Capture OS Image on the Linux live backend, on a loop device made from a sparse file (never a disk of this
 * machine): a UEFI bare-metal sequence partitions, applies a WIM shaped like a Windows image, then captures the
 * Windows volume to `\\lab\captures\reference.wim`, a share the run connects at a temp folder (as a live system would
 * have mounted it). wimlib, which taskseq did not write the file with, then reads the capture back: the same files
 * with the same bytes as the tree the source image was made from, plus what the run wrote, and the image's metadata.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { captureWim, readWimlibInfo, writeFakeWindowsTree } from '../../agent/formats/wim/test-support/wim-fixtures.ts';
import { treeHashes, wimTreeHashes } from '../../agent/backends/linux/imaging/test-support/ntfs-volume.ts';
import { runSequenceFile, workDir, writeFixture } from '../support/harness.ts';
import { loopDevicesOf, loopTestSkip, withLoopDisk } from '../support/loop-device.ts';
import { applyOs, captureImage, partitionDisk, sequence, type PartitionSpec } from '../support/sequence-builder.ts';

const MIB = 1024 * 1024;
const skip = loopTestSkip(['sfdisk', 'mkfs.fat', 'mkfs.ntfs', 'ntfs-3g', 'wimlib-imagex', 'mcopy', 'lsblk', 'blkid']);

const LAYOUT: PartitionSpec[] = [
  { type: 'EFI', fileSystem: 'FAT32', size: '100', units: 'MB', volumeName: 'System' },
  { type: 'MSR', size: '16', units: 'MB' },
  { type: 'Primary', fileSystem: 'NTFS', size: '100', units: '%', volumeName: 'Windows', letterVariable: 'OSDisk' },
];

/** The tree a Windows-shaped image is made from (with a UEFI boot manager), and a content folder holding that image. */
function content(dir: string): { root: string; tree: string } {
  const tree = writeFakeWindowsTree(join(dir, 'tree'), { bigFiles: 2, bigFileBytes: 256 * 1024 });
  mkdirSync(join(tree, 'Windows', 'Boot', 'EFI'), { recursive: true });
  writeFileSync(join(tree, 'Windows', 'Boot', 'EFI', 'bootmgfw.efi'), 'a boot manager, for the test');
  const root = join(dir, 'content');
  mkdirSync(join(root, 'LAB00100'), { recursive: true });
  captureWim(tree, join(root, 'LAB00100', 'install.wim'), 'Fake Windows');
  return { root, tree };
}

test('linux backend: Capture OS Image writes the applied Windows volume to a connected share', { skip, timeout: 240_000 }, async () => {
  await withLoopDisk({ sizeBytes: 512 * MIB }, async (disk) => {
    const dir = workDir();
    const { root, tree } = content(dir);
    const share = join(dir, 'captures');
    mkdirSync(share);
    const file = writeFixture(dir, 'ts.xml', sequence([
      partitionDisk('Partition', 'GPT', LAYOUT), applyOs('Apply Operating System', 'LAB00100'),
      captureImage('Capture the Reference Machine', '\\\\lab\\captures\\reference.wim'),
    ]));
    const r = await runSequenceFile(file, dir, [
      '--backend', 'linux', '--target-disk', disk.path, '--firmware', 'UEFI', '--content', root, '--share', `\\\\lab\\captures=${share}`,
    ]);
    assert.equal(r.code, 0, `${r.stderr}\n${r.stdout}\n${r.logText.slice(-4000)}`);
    // The run released every loop device and mount it made: only the test's own disk device is left.
    assert.deepEqual(loopDevicesOf(disk.file), [disk.path]);
    assert.doesNotMatch(readFileSync('/proc/self/mountinfo', 'utf8'), new RegExp(dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    // wimlib read the volume through its device while the backend's mount of it was down, and wrote into the share's folder.
    const commands = r.log.filter((e) => e.component === 'Backend').map((e) => e.message);
    const at = commands.findIndex((m) => /^Running: wimlib-imagex capture .* -- \/dev\/loop\d+ \S*\/captures\/reference\.wim 'C: Windows' Reference$/.test(m));
    assert.ok(at > 0, commands.join('\n'));
    assert.match(commands[at - 1]!, /^Running: umount \S*\/volumes\/C$/);
    assert.ok(commands.slice(at + 1).some((m) => /^Running: ntfs-3g \/dev\/loop\d+ \S*\/volumes\/C$/.test(m)), 'mounted again after');
    assert.doesNotMatch(r.logText, /Capture-Secret-1/);

    const wim = join(share, 'reference.wim');
    execFileSync('wimlib-imagex', ['verify', wim], { stdio: 'ignore' });
    const info = readWimlibInfo(wim);
    assert.equal(info.fields['Image Count'], '1');
    const image = info.images[0]!;
    assert.equal(image['Name'], 'C: Windows');
    assert.equal(image['Description'], 'Reference');
    assert.equal(image['Flags'], undefined, 'the step gives no flags');
    const xml = execFileSync('wimlib-imagex', ['info', wim, '--xml'], { encoding: 'utf16le' });
    assert.match(xml, /<CREATOR>Lab<\/CREATOR>/);
    assert.match(xml, /<IMAGEVERSION>1\.0<\/IMAGEVERSION>/);

    // The files, extracted by wimlib: the source tree's, byte for byte, and the answer file Apply OS wrote.
    const captured = wimTreeHashes(wim, 1);
    const source = treeHashes(tree);
    for (const [path, hash] of source) assert.equal(captured.get(path), hash, path);
    assert.deepEqual([...captured.keys()].filter((p) => !source.has(p)), ['Windows/Panther/unattend.xml']);
  });
});
