/**
 * The Linux live backend end to end on a loop device made from a sparse file (never a disk of this machine): a UEFI
 * bare-metal sequence partitions, formats, applies a WIM shaped like a Windows image, writes the answer file and
 * the boot files; then tools taskseq did not write read the result back.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { captureWim, wimlib, writeFakeWindowsTree } from '../../agent/formats/wim/test-support/wim-fixtures.ts';
import { runCli, runSequenceFile, workDir, writeFixture } from '../support/harness.ts';
import { LOOP_SKIP, loopDevicesAvailable, loopDevicesOf, withLoopDisk } from '../support/loop-device.ts';
import { applyOs, partitionDisk, sequence, type PartitionSpec } from '../support/sequence-builder.ts';
import { buildDriverCatalog } from '../support/driver-catalog-builder.ts';
import { captureLocalProfile } from '../../agent/backends/simulated/index.ts';
import { devicesFromProfile } from '../../agent/drivers/drivers-port.ts';

const MIB = 1024 * 1024;
const TOOLS = ['sfdisk', 'mkfs.fat', 'mkfs.ntfs', 'ntfs-3g', 'wimlib-imagex', 'mcopy', 'mdir', 'fsck.fat', 'hivexregedit', 'lsblk', 'blkid'];
const missing = TOOLS.filter((t) => { try { execFileSync('sh', ['-c', `command -v ${t}`], { stdio: 'ignore' }); return false; } catch { return true; } });
const skip = !loopDevicesAvailable() ? LOOP_SKIP : missing.length ? `needs ${missing.join(', ')} (taskseq doctor --for tests --install)` : false;

const LAYOUT: PartitionSpec[] = [
  { type: 'EFI', fileSystem: 'FAT32', size: '100', units: 'MB', volumeName: 'System' },
  { type: 'MSR', size: '16', units: 'MB' },
  { type: 'Primary', fileSystem: 'NTFS', size: '90', units: '%', volumeName: 'Windows', letterVariable: 'OSDisk' },
  { type: 'Primary', fileSystem: 'NTFS', size: '100', units: '%', volumeName: 'Data' },
];

/** A content folder whose package LAB00100 holds a WIM of a small Windows-shaped tree with a UEFI boot manager. */
function content(dir: string): { root: string; tree: string } {
  const tree = writeFakeWindowsTree(join(dir, 'tree'));
  mkdirSync(join(tree, 'Windows', 'Boot', 'EFI'), { recursive: true });
  writeFileSync(join(tree, 'Windows', 'Boot', 'EFI', 'bootmgfw.efi'), 'a boot manager, for the test');
  const root = join(dir, 'content');
  mkdirSync(join(root, 'LAB00100'), { recursive: true });
  const wim = captureWim(tree, join(root, 'LAB00100', 'install.wim'), 'Fake Windows');
  // A Windows 11 x64 image's metadata: driver matching picks the INF sections for it.
  for (const [k, v] of [['MAJOR', '10'], ['MINOR', '0'], ['BUILD', '22631']]) wimlib('info', wim, '1', '--image-property', `WINDOWS/VERSION/${k}=${v}`);
  wimlib('info', wim, '1', '--image-property', 'WINDOWS/ARCH=9');
  return { root, tree };
}

/** `key path -> value` of every `Element` in a `hivexregedit --export`: strings decoded, binaries as bytes. */
function exportedElements(text: string): Map<string, string | Uint8Array> {
  const out = new Map<string, string | Uint8Array>();
  let key = '';
  for (const line of text.replace(/\\\n\s*/g, '').split('\n')) {
    const k = /^\[(.*)\]$/.exec(line);
    if (k) { key = k[1]!; continue; }
    const v = /^"Element"=hex\((\d)\):(.*)$/.exec(line);
    if (!v) continue;
    const bytes = Buffer.from(v[2]!.split(',').filter(Boolean).map((h) => parseInt(h, 16)));
    out.set(key, v[1] === '1' ? bytes.toString('utf16le').replace(/\0+$/, '') : bytes);
  }
  return out;
}

/** A GUID in its on-disk (mixed-endian) bytes as text. */
function guidText(b: Buffer): string {
  const hex = (x: Buffer) => x.toString('hex');
  const rev = (x: Buffer) => Buffer.from(x).reverse();
  return `${hex(rev(b.subarray(0, 4)))}-${hex(rev(b.subarray(4, 6)))}-${hex(rev(b.subarray(6, 8)))}-${hex(b.subarray(8, 10))}-${hex(b.subarray(10, 16))}`;
}

const autoApply = '<step type="SMS_TaskSequence_AutoApplyAction" name="Auto Apply Drivers" runIn="WinPE" successCodeList="0">'
  + '<action>osddriverclient.exe /auto /bestmatch:%OSDAutoApplyDriverBestMatch% /unsigned:%OSDAllowUnsignedDriver%</action><defaultVarList>'
  + '<variable name="OSDAutoApplyDriverBestMatch" property="BestMatch">true</variable>'
  + '<variable name="OSDAllowUnsignedDriver" property="UnsignedDriver">false</variable></defaultVarList></step>';

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
const sh = (cmd: string, args: string[], env?: NodeJS.ProcessEnv) => execFileSync(cmd, args, { encoding: 'utf8', env: { ...process.env, ...env } });

test('linux backend: a UEFI bare-metal sequence deploys onto a loop device, read back by other tools', { skip, timeout: 180_000 }, async () => {
  await withLoopDisk({ sizeBytes: 1024 * MIB }, async (disk) => {
    const dir = workDir();
    const { root, tree } = content(dir);
    // A catalog for this PC's own devices (the Linux backend's facts are this PC's).
    const catalog = buildDriverCatalog(join(dir, 'catalog'), devicesFromProfile((await captureLocalProfile()).pnpDevices), 0);
    const file = writeFixture(dir, 'ts.xml', sequence([
      partitionDisk('Partition', 'GPT', LAYOUT), applyOs('Apply Operating System', 'LAB00100'), autoApply,
    ]));
    const r = await runSequenceFile(file, dir, ['--backend', 'linux', '--target-disk', disk.path, '--firmware', 'UEFI', '--content', root, '--drivers', catalog.dir]);
    assert.equal(r.code, 0, `${r.stderr}\n${r.stdout}\n${r.logText.slice(-4000)}`);
    assert.equal(r.report.variables.OSDTargetSystemDrive, 'C:');
    // wimlib's progress lines reached the run as the Apply step's progress events (--json prints every event).
    const applying = r.stdout.trim().split('\n').slice(0, -1).map((l) => JSON.parse(l).event).filter((e) => e.kind === 'step-progress' && e.index === 1);
    assert.ok(applying.length > 0 && applying.every((e) => e.activity === 'Applying image 1'), r.stdout.slice(-2000));
    assert.equal(applying.at(-1).percent, 100);
    // The run released every loop device and mount it made: only the test's own disk device is left.
    assert.deepEqual(loopDevicesOf(disk.file), [disk.path], sh('losetup', ['--json', '--list']));
    assert.doesNotMatch(readFileSync('/proc/self/mountinfo', 'utf8'), new RegExp(dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));

    // The table, as sfdisk reads it.
    const table = JSON.parse(sh('sfdisk', ['--json', disk.path])) as { partitiontable: { label: string; partitions: Array<{ start: number; size: number; type: string; uuid: string }> } };
    assert.equal(table.partitiontable.label, 'gpt');
    assert.deepEqual(table.partitiontable.partitions.map((p) => p.type), [
      'C12A7328-F81F-11D2-BA4B-00A0C93EC93B', 'E3C9E316-0B5C-4DB8-817D-F92DF00215AE', 'EBD0A0A2-B9E5-4433-87C0-68B6B72699C7', 'EBD0A0A2-B9E5-4433-87C0-68B6B72699C7',
    ]);
    const [esp, , windows] = table.partitiontable.partitions.map((p) => disk.partitionDevice(p.start * 512, p.size * 512));

    // The EFI system partition: a clean FAT32 with the boot manager, the fallback loader and a BCD hive.
    sh('fsck.fat', ['-n', esp!]);
    const listing = sh('mdir', ['-i', esp!, '-b', '-/', '::/EFI'], { MTOOLS_SKIP_CHECK: '1' }).toLowerCase();
    assert.match(listing, /efi\/microsoft\/boot\/bootmgfw\.efi/);
    assert.match(listing, /efi\/boot\/bootx64\.efi/);
    const out = mkdtempSync(join(dir, 'esp-'));
    sh('mcopy', ['-i', esp!, '::/EFI/Microsoft/Boot/BCD', join(out, 'BCD')], { MTOOLS_SKIP_CHECK: '1' });
    const bcd = sh('hivexregedit', ['--export', join(out, 'BCD'), '\\']);
    assert.match(bcd, /\{9dea862c-5cdd-4e70-acc1-f32b344d4795\}/i, 'the Windows Boot Manager object');
    const elements = exportedElements(bcd);
    assert.ok([...elements.values()].includes('\\EFI\\Microsoft\\Boot\\bootmgfw.efi'), 'the boot manager path');
    const loader = [...elements.entries()].find(([, v]) => v === '\\Windows\\system32\\winload.efi')?.[0].split('\\Elements')[0];
    assert.ok(loader, 'a Windows Boot Loader object');
    // Its OS device names the Windows partition by the GUID sfdisk reports (mixed-endian at offset 0x20).
    const osDevice = Buffer.from(elements.get(`${loader}\\Elements\\21000001`) as Uint8Array);
    assert.equal(guidText(osDevice.subarray(0x20, 0x30)), table.partitiontable.partitions[2]!.uuid.toLowerCase());

    // The Windows volume: the image's files with the same bytes, and the answer file.
    const mount = join(disk.folder, 'windows');
    mkdirSync(mount);
    sh('ntfs-3g', ['-o', 'ro', windows!, mount]);
    try {
      assert.equal(sha(join(mount, 'Windows', 'System32', 'kernel.txt')), sha(join(tree, 'Windows', 'System32', 'kernel.txt')));
      const answer = readFileSync(join(mount, 'Windows', 'Panther', 'unattend.xml'), 'utf8');
      assert.match(answer, /<unattend /);
      // Drivers staged for Windows Setup: one folder per chosen driver, named in the offlineServicing pass.
      const staged = readdirSync(join(mount, 'Drivers')).sort();
      assert.equal(staged.length, catalog.expected.length > 0 ? new Set(catalog.expected.map((id) => id.split('/')[0])).size : 0, answer);
      for (const folder of staged) assert.match(answer, new RegExp(`C:\\\\Drivers\\\\${folder}<`));
      assert.match(answer, /<settings pass="offlineServicing"[ >]/);
    } finally {
      sh('umount', [mount]);
      rmSync(mount, { recursive: true, force: true });
    }
  });
});

test('linux backend: no --target-disk, no run; the refusal names the disk the sequence asks for', { skip }, async () => {
  const dir = workDir();
  const file = writeFixture(dir, 'ts.xml', sequence([partitionDisk('Partition', 'GPT', LAYOUT)]));
  const r = await runCli(['run', file, '--backend', 'linux', '--json', '--state-dir', join(dir, 'state'), '--log-dir', join(dir, 'logs')]);
  assert.equal(r.code, 2, r.stdout + r.stderr);
  assert.match(r.stdout + r.stderr, /without --target-disk/);
  assert.equal(existsSync(join(dir, 'state')), false, 'a refused live run writes nothing');
});
