import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { DiskFacts } from '../../../../engine/index.ts';
import type { ProcessRequest, ProcessResult, RunProcess } from '../../process/process-types.ts';
import type { LinuxFirmware } from '../probe/index.ts';
import { writeBootFiles, type BootFilesMachine } from './write-boot-files.ts';

const MIB = 1024 * 1024;
const UEFI_WRITABLE: LinuxFirmware = { mode: 'UEFI', secureBoot: false, efiVariablesWritable: true };
const NO_EFIVARS: LinuxFirmware = { mode: 'UEFI', secureBoot: false, efiVariablesWritable: false };
const disk: DiskFacts = {
  index: 0, sizeBytes: 1024 * MIB, sectorSize: 512, bus: 'Virtual', removable: false, model: '', serialNumber: '', style: 'GPT',
  partitions: [
    { number: 1, role: 'EFI', offsetBytes: MIB, sizeBytes: 100 * MIB, active: false, volume: { letter: 'S:', fileSystem: 'FAT32', label: 'S', sizeBytes: 100 * MIB, usedBytes: 0 } },
    { number: 2, role: 'Primary', offsetBytes: 101 * MIB, sizeBytes: 900 * MIB, active: false, volume: { letter: 'C:', fileSystem: 'NTFS', label: 'W', sizeBytes: 900 * MIB, usedBytes: 0 } },
  ],
};
const SFDISK = JSON.stringify({ partitiontable: { label: 'gpt', id: '11111111-2222-4333-8444-555555555555', sectorsize: 512, partitions: [
  { start: 2048, uuid: 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee' }, { start: 206848, uuid: '99999999-8888-4777-8666-555555555555' },
] } });
const ok = (stdout = ''): ProcessResult => ({ exitCode: 0, stdout, stderr: '', killed: false, durationMs: 1 });

/** A runner that answers sfdisk, mcopy and efibootmgr, records every argv and throws on any other program. */
function fakeRun(answers: Partial<Record<string, (r: ProcessRequest) => ProcessResult>> = {}): { run: RunProcess; calls: string[][]; staged: string[] } {
  const calls: string[][] = [];
  const staged: string[] = [];
  const defaults: Record<string, (r: ProcessRequest) => ProcessResult> = {
    sfdisk: () => ok(SFDISK),
    mcopy: (r) => {
      const list = (dir: string, at: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? list(join(dir, e.name), `${at}${e.name}/`) : [`${at}${e.name}`]));
      staged.push(...list(r.argv[r.argv.length - 2], 'EFI/'));
      return ok();
    },
    efibootmgr: () => ok(),
  };
  const run: RunProcess = async (r) => {
    calls.push([...r.argv]);
    const answer = answers[r.argv[0]] ?? defaults[r.argv[0]];
    if (!answer) throw new Error(`unscripted command: ${r.argv.join(' ')}`);
    return answer(r);
  };
  return { run, calls, staged };
}

describe('Linux UEFI boot files (scripted runner)', () => {
  let volume: string;
  const lines: string[] = [];
  const machineWith = (firmware: LinuxFirmware, disks: DiskFacts[] = [disk]): BootFilesMachine => ({
    disks, architecture: 'x64', firmware, windowsVolumeRoot: volume, log: (l) => lines.push(l), now: () => new Date('2026-05-06T07:08:09Z'),
    names: { disk: () => '/dev/loop7', partition: (_d, p) => `/dev/loop${7 + p.number}` },
    volume: (l) => disks[0].partitions.filter((p) => p.volume?.letter === l.toUpperCase()).map((partition) => ({ letter: partition.volume!.letter!, disk: disks[0], partition }))[0],
  });

  beforeEach(() => {
    volume = mkdtempSync(join(tmpdir(), 'taskseq-winvol-'));
    mkdirSync(join(volume, 'Windows', 'System32'), { recursive: true });
    mkdirSync(join(volume, 'Windows', 'Boot', 'EFI', 'en-US'), { recursive: true });
    writeFileSync(join(volume, 'Windows', 'Boot', 'EFI', 'bootmgfw.efi'), 'boot manager');
    writeFileSync(join(volume, 'Windows', 'Boot', 'EFI', 'en-US', 'bootmgfw.efi.mui'), 'strings');
    lines.length = 0;
  });
  afterEach(() => rmSync(volume, { recursive: true, force: true }));

  it('runs the planned commands: sfdisk for the GUIDs, one mcopy of the staged tree, then efibootmgr', async () => {
    const { run, calls, staged } = fakeRun();
    const result = await writeBootFiles(run, { windowsPath: 'c:\\windows', firmware: 'UEFI' }, machineWith(UEFI_WRITABLE));
    assert.deepEqual(calls.map((c) => c[0]), ['sfdisk', 'mcopy', 'efibootmgr']);
    assert.deepEqual(calls[0], ['sfdisk', '--json', '/dev/loop7']);
    assert.deepEqual(calls[1].slice(0, 6), ['mcopy', '-s', '-o', '-Q', '-i', '/dev/loop8']);
    assert.equal(calls[1].at(-1), '::/');
    assert.deepEqual(calls[2], ['efibootmgr', '--create', '--disk', '/dev/loop7', '--part', '1', '--label', 'Windows Boot Manager', '--loader', '\\EFI\\Microsoft\\Boot\\bootmgfw.efi']);
    assert.deepEqual(staged.sort(), ['EFI/Boot/bootx64.efi', 'EFI/Microsoft/Boot/BCD', 'EFI/Microsoft/Boot/bootmgfw.efi', 'EFI/Microsoft/Boot/en-US/bootmgfw.efi.mui']);
    assert.deepEqual(result.uefi?.firmwareEntry, { added: true });
    assert.equal(result.uefi!.store.systemRoot, '\\Windows', 'spelled as on the volume');
    assert.deepEqual(result.uefi!.store.bootPartition, { style: 'GPT', diskGuid: '11111111-2222-4333-8444-555555555555', partitionGuid: 'AAAAAAAA-BBBB-4CCC-8DDD-EEEEEEEEEEEE' });
    assert.equal(result.uefi!.store.windowsPartition.style === 'GPT' && result.uefi!.store.windowsPartition.partitionGuid, '99999999-8888-4777-8666-555555555555');
    assert.ok(result.uefi!.files.includes('EFI\\Microsoft\\Boot\\BCD'));
  });

  it('without writable EFI variables: no efibootmgr, and the reason is returned and logged', async () => {
    const { run, calls } = fakeRun({ efibootmgr: () => assert.fail('efibootmgr must not run') });
    const result = await writeBootFiles(run, { windowsPath: 'C:\\Windows', firmware: 'UEFI' }, machineWith(NO_EFIVARS));
    assert.deepEqual(calls.map((c) => c[0]), ['sfdisk', 'mcopy']);
    const reason = 'this machine has no EFI variables (booted in BIOS mode or efivarfs not mounted): no firmware boot entry was added; the fallback loader EFI\\Boot\\bootx64.efi boots it';
    assert.deepEqual(result.uefi?.firmwareEntry, { added: false, reason });
    assert.deepEqual(lines, [reason]);
  });

  it('refuses a folder without System32 or without Boot\\EFI\\bootmgfw.efi, an unformatted ESP and a wrong systemDrive', async () => {
    const { run, calls } = fakeRun();
    await assert.rejects(writeBootFiles(run, { windowsPath: 'C:\\Users', firmware: 'UEFI' }, machineWith(UEFI_WRITABLE)), /C:\\Users: it has no System32 folder/);
    await assert.rejects(writeBootFiles(run, { windowsPath: 'Windows', firmware: 'UEFI' }, machineWith(UEFI_WRITABLE)), { code: 'invalid-input' });
    await assert.rejects(writeBootFiles(run, { windowsPath: 'C:\\Windows', firmware: 'UEFI', systemDrive: 'T:' }, machineWith(UEFI_WRITABLE)), /T:, which is not the EFI system partition \(disk 0 partition 1\)/);
    const raw: DiskFacts = { ...disk, partitions: [{ ...disk.partitions[0], volume: { ...disk.partitions[0].volume!, fileSystem: 'RAW' } }, disk.partitions[1]] };
    await assert.rejects(writeBootFiles(run, { windowsPath: 'C:\\Windows', firmware: 'UEFI' }, machineWith(UEFI_WRITABLE, [raw])), /is not formatted FAT32 \(RAW\)/);
    assert.deepEqual(calls, [], 'nothing ran for a refused call');
    rmSync(join(volume, 'Windows', 'Boot', 'EFI', 'bootmgfw.efi'));
    await assert.rejects(writeBootFiles(run, { windowsPath: 'C:\\Windows', firmware: 'UEFI' }, machineWith(UEFI_WRITABLE)), /has no Boot\\EFI\\bootmgfw.efi/);
  });

  it('reports a failing mcopy with its command line and first error line', async () => {
    const { run } = fakeRun({ mcopy: () => ({ ...ok(), exitCode: 1, stderr: 'Disk full\n' }) });
    await assert.rejects(writeBootFiles(run, { windowsPath: 'C:\\Windows', firmware: 'UEFI' }, machineWith(NO_EFIVARS)), {
      code: 'unsupported', message: /^cannot write the UEFI boot files to \/dev\/loop8: mcopy -s -o -Q -i \/dev\/loop8 .* failed with exit code 1: Disk full$/,
    });
  });

  it('keeps the staged files nowhere: the temp tree is gone afterwards', async () => {
    const { run, calls } = fakeRun();
    await writeBootFiles(run, { windowsPath: 'C:\\Windows', firmware: 'UEFI' }, machineWith(NO_EFIVARS));
    assert.throws(() => readFileSync(join(calls[1].at(-2)!, 'Microsoft', 'Boot', 'BCD')), /ENOENT/);
  });
});
