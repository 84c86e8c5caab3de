import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { DiskFacts } from '../../../../engine/index.ts';
import type { ProcessRequest, ProcessResult, RunProcess } from '../../process/process-types.ts';
import { writeBootFiles, type BootFilesMachine } from './write-boot-files.ts';

const MIB = 1024 * 1024;
const ntfs = (letter: string, label: string, sizeBytes: number) => ({ letter, fileSystem: 'NTFS' as const, label, sizeBytes, usedBytes: 0 });
const disk: DiskFacts = {
  index: 0, sizeBytes: 1024 * MIB, sectorSize: 512, bus: 'Virtual', removable: false, model: '', serialNumber: '', style: 'MBR',
  partitions: [
    { number: 1, role: 'Primary', offsetBytes: MIB, sizeBytes: 100 * MIB, active: true, volume: ntfs('C:', 'System Reserved', 100 * MIB) },
    { number: 2, role: 'Primary', offsetBytes: 101 * MIB, sizeBytes: 900 * MIB, active: false, volume: ntfs('D:', 'Windows', 900 * MIB) },
  ],
};
const SFDISK = JSON.stringify({ partitiontable: { label: 'dos', id: '0x1a2b3c4d', sectorsize: 512, partitions: [{ start: 2048, bootable: true }, { start: 206848 }] } });
const ok = (stdout = ''): ProcessResult => ({ exitCode: 0, stdout, stderr: '', killed: false, durationMs: 1 });
const SETUP = '/usr/lib/grub/i386-pc/grub-bios-setup';

interface Scripted {
  run: RunProcess;
  calls: string[][];
  /** What grub-mkimage found in its config file, and what grub-bios-setup found in its folder. */
  seen: { config?: string; setupFolder?: string[] };
}

/**
 * A runner for sfdisk, mount and umount (of the boot code folder; nothing is mounted), grub-mkimage (writes a core
 * image of `coreBytes`) and grub-bios-setup; throws on any other.
 */
function scripted(coreBytes = 40_000, answers: Partial<Record<string, (r: ProcessRequest) => ProcessResult>> = {}): Scripted {
  const calls: string[][] = [];
  const seen: Scripted['seen'] = {};
  const after = (argv: readonly string[], option: string) => argv[argv.indexOf(option) + 1]!;
  const defaults: Record<string, (r: ProcessRequest) => ProcessResult> = {
    sfdisk: () => ok(SFDISK),
    mount: () => ok(),
    umount: () => ok(),
    'grub-mkimage': (r) => {
      seen.config = readFileSync(after(r.argv, '--config'), 'utf8');
      writeFileSync(after(r.argv, '--output'), Buffer.alloc(coreBytes, 0xc0));
      return ok();
    },
    [SETUP]: (r) => {
      seen.setupFolder = readdirSync(after(r.argv, '--directory')).sort();
      return ok();
    },
  };
  const run: RunProcess = async (r) => {
    calls.push([...r.argv]);
    const answer = answers[r.argv[0]!] ?? defaults[r.argv[0]!];
    if (!answer) throw new Error(`unscripted command: ${r.argv.join(' ')}`);
    return answer(r);
  };
  return { run, calls, seen };
}

describe('Linux BIOS boot files (scripted runner)', () => {
  let dir: string;
  let windowsRoot: string;
  let systemRoot: string;
  const machineWith = (disks: DiskFacts[] = [disk], mounted = true): BootFilesMachine => ({
    disks, architecture: 'x64', firmware: { mode: 'BIOS', secureBoot: false, efiVariablesWritable: false },
    windowsVolumeRoot: windowsRoot, log: () => undefined, now: () => new Date('2026-05-06T07:08:09Z'), grubFolder: join(dir, 'grub'),
    volumeRoot: (l) => (mounted && l.toUpperCase() === 'C:' ? systemRoot : l.toUpperCase() === 'D:' ? windowsRoot : undefined),
    names: { disk: () => '/dev/loop7', partition: (_d, p) => `/dev/loop${7 + p.number}` },
    volume: (l) => disks[0]!.partitions.filter((p) => p.volume?.letter === l.slice(0, 2).toUpperCase()).map((partition) => ({ letter: partition.volume!.letter!, disk: disks[0]!, partition }))[0],
  });
  const request = { windowsPath: 'D:\\Windows', firmware: 'BIOS' as const };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'taskseq-bios-test-'));
    windowsRoot = join(dir, 'windows');
    systemRoot = join(dir, 'system');
    mkdirSync(join(windowsRoot, 'Windows', 'System32'), { recursive: true });
    mkdirSync(join(windowsRoot, 'Windows', 'Boot', 'PCAT', 'en-US'), { recursive: true });
    mkdirSync(join(windowsRoot, 'Windows', 'Boot', 'Fonts'), { recursive: true });
    writeFileSync(join(windowsRoot, 'Windows', 'Boot', 'PCAT', 'bootmgr'), 'bios boot manager');
    writeFileSync(join(windowsRoot, 'Windows', 'Boot', 'PCAT', 'en-US', 'bootmgr.exe.mui'), 'strings');
    writeFileSync(join(windowsRoot, 'Windows', 'Boot', 'Fonts', 'wgl4_boot.ttf'), 'font');
    mkdirSync(join(systemRoot, 'BOOT'), { recursive: true });
    mkdirSync(join(dir, 'grub'));
    writeFileSync(join(dir, 'grub', 'boot.img'), Buffer.alloc(512, 0xb0));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads the disk signature, makes the core image, writes the files onto the active partition, then the boot code', async () => {
    const { run, calls, seen } = scripted();
    const result = await writeBootFiles(run, request, machineWith());
    assert.deepEqual(calls.map((c) => c[0]), ['sfdisk', 'mount', 'grub-mkimage', SETUP, 'umount']);
    const folder = calls[1]!.at(-1)!;
    assert.deepEqual(calls[1], ['mount', '-t', 'tmpfs', '-o', 'size=1m,mode=0700', '/dev/loop7', folder], 'a memory file system named after the disk');
    assert.match(folder, /\/taskseq-boot-code-\w+$/);
    assert.equal(calls[2]![calls[2]!.indexOf('--output') + 1], `${folder}/core.img`);
    assert.deepEqual(calls[3]!.slice(-2), ['core.img', '/dev/loop7'], 'the boot code goes onto the disk');
    assert.deepEqual(calls[4], ['umount', folder]);
    assert.equal(seen.config, 'ntldr /bootmgr\nboot\n');
    assert.deepEqual(seen.setupFolder, ['boot.img', 'core.cfg', 'core.img']);
    assert.throws(() => readdirSync(folder), /ENOENT/, 'the boot code folder is gone');
    assert.deepEqual(readdirSync(systemRoot).sort(), ['BOOT', 'bootmgr'], 'no boot code file on the partition; the existing BOOT folder is written into');
    assert.equal(readFileSync(join(systemRoot, 'bootmgr'), 'utf8'), 'bios boot manager');
    assert.deepEqual(readdirSync(join(systemRoot, 'BOOT')).sort(), ['BCD', 'Fonts', 'bootmgr', 'en-US']);
    assert.equal(readFileSync(join(systemRoot, 'BOOT', 'Fonts', 'wgl4_boot.ttf'), 'utf8'), 'font');
    assert.equal(readFileSync(join(systemRoot, 'BOOT', 'BCD')).subarray(0, 4).toString('latin1'), 'regf');
    assert.equal(result.uefi, undefined);
    assert.deepEqual(result.bios?.store.bootPartition, { style: 'MBR', diskSignature: 0x1a2b3c4d, offsetBytes: MIB });
    assert.deepEqual(result.bios?.store.windowsPartition, { style: 'MBR', diskSignature: 0x1a2b3c4d, offsetBytes: 101 * MIB });
    assert.equal(result.bios?.store.firmware, 'BIOS');
    assert.equal(result.bios?.coreBytes, 40_000);
    assert.ok(result.bios?.files.includes('Boot\\BCD') && result.bios.files.includes('bootmgr'));
  });

  it('refuses a gap too small for the core image before any file is written, naming the disk and both sizes', async () => {
    const { run, calls } = scripted(2 * MIB);
    await assert.rejects(writeBootFiles(run, request, machineWith()), {
      code: 'unsupported',
      message: 'cannot write BIOS boot code to /dev/loop7: the gap before its first partition holds 1048064 bytes, and the boot code\'s core image needs 2097152 bytes (start the first partition at 1 MiB, as Windows does)',
    });
    assert.deepEqual(calls.map((c) => c[0]), ['sfdisk', 'mount', 'grub-mkimage', 'umount']);
    assert.deepEqual(readdirSync(systemRoot), ['BOOT']);
    assert.deepEqual(readdirSync(join(systemRoot, 'BOOT')), [], 'nothing written to the system partition');
  });

  it('refuses, before running anything, a Windows without Boot\\PCAT\\bootmgr, a GPT disk, a wrong systemDrive and an unmounted system partition', async () => {
    const { run, calls } = scripted();
    const gpt: DiskFacts = { ...disk, style: 'GPT' };
    await assert.rejects(writeBootFiles(run, request, machineWith([gpt])), /to disk 0 \(\/dev\/loop7\): it is a GPT disk, and Windows starts from BIOS only on an MBR disk/);
    await assert.rejects(writeBootFiles(run, { ...request, systemDrive: 'D:' }, machineWith()), /to D:, which is not the active partition \(disk 0 partition 1\)/);
    await assert.rejects(writeBootFiles(run, request, machineWith([disk], false)), /the active partition \(disk 0 partition 1\) is not mounted/);
    rmSync(join(windowsRoot, 'Windows', 'Boot', 'PCAT', 'bootmgr'));
    await assert.rejects(writeBootFiles(run, request, machineWith()), {
      code: 'unsupported', message: 'cannot write BIOS boot files for D:\\Windows: it has no Boot\\PCAT\\bootmgr (the image holds no BIOS boot manager)',
    });
    assert.deepEqual(calls, [], 'nothing ran for a refused call');
  });

  it('reports a failing grub-bios-setup with its command line, and unmounts the boot code folder', async () => {
    const { run, calls } = scripted(40_000, { [SETUP]: () => ({ ...ok(), exitCode: 1, stderr: 'error: embedding is not possible\n' }) });
    await assert.rejects(writeBootFiles(run, request, machineWith()), {
      code: 'unsupported', message: /^cannot write the BIOS boot code to \/dev\/loop7: \/usr\/lib\/grub\/i386-pc\/grub-bios-setup --skip-fs-probe .* failed with exit code 1: error: embedding is not possible$/,
    });
    assert.deepEqual(calls.map((c) => c[0]).slice(-2), [SETUP, 'umount']);
  });
});
