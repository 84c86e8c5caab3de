import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvalidInputError } from '../../../../engine/index.ts';
import { loadProfile } from './profile-load.ts';
import { validateProfile } from './profile-validate.ts';
import type { MachineProfile } from './profile-types.ts';

function variant(change: (p: Record<string, any>) => void): MachineProfile {
  const p = loadProfile('uefi-desktop') as unknown as Record<string, any>;
  change(p);
  return p as unknown as MachineProfile;
}

function lines(data: unknown, file = 'machines/lab.json'): string[] {
  return validateProfile(data, file).map((p) => `${p.file}: ${p.field}: ${p.message}`);
}

test('a wrong enum value names the file, the JSON path and the allowed values', () => {
  const p = variant((x) => { x.firmware.mode = 'EFI'; });
  assert.deepEqual(lines(p), ['machines/lab.json: /firmware/mode: must be one of UEFI, BIOS']);
  const [problem] = validateProfile(p, 'machines/lab.json');
  assert.equal(problem.severity, 'error');
  assert.equal(problem.code, 'invalid-profile');
  assert.equal(problem.file, 'machines/lab.json');
  assert.equal(problem.field, '/firmware/mode');
});

test('every problem is reported, with missing and unknown fields at their own path', () => {
  const p = variant((x) => {
    delete x.system.uuid;
    x.system.colour = 'black';
    x.network.adapters[0].macAddress = 'not-a-mac';
    x.system.memoryMB = '16 GB';
  });
  assert.deepEqual(lines(p).sort(), [
    'machines/lab.json: /network/adapters/0/macAddress: must be a MAC address such as 00:15:5D:01:02:03',
    'machines/lab.json: /system/colour: is not a known field',
    'machines/lab.json: /system/memoryMB: must be integer',
    'machines/lab.json: /system/uuid: is required',
  ]);
});

test('an unknown time zone lists the known ones', () => {
  const [line] = lines(variant((x) => { x.environment.timeZone = 'Mars Standard Time'; }));
  assert.match(line, /^machines\/lab\.json: \/environment\/timeZone: must be one of UTC, .*Pacific Standard Time/);
});

test('Secure Boot is refused on BIOS firmware', () => {
  const p = variant((x) => { x.firmware.mode = 'BIOS'; x.firmware.secureBoot = true; });
  assert.deepEqual(lines(p), ['machines/lab.json: /firmware/secureBoot: must be false or absent when /firmware/mode is BIOS']);
  assert.deepEqual(lines(variant((x) => { x.firmware.mode = 'BIOS'; x.firmware.secureBoot = false; })), []);
});

test('cross-field rules: regular expressions, installed OS when starting in it, clock, registry hives', () => {
  const p = variant((x) => {
    x.commands = [{ match: 'setup(' }];
    x.environment.inWinPE = false;
    delete x.os;
    x.firmware.clock = '2025-13-45T99:00:00Z';
  });
  const found = lines(p);
  assert.equal(found.length, 3);
  assert.match(found[0], /\/firmware\/clock: is not a valid date and time/);
  assert.match(found[1], /\/os: is required when \/environment\/inWinPE is false/);
  assert.match(found[2], /\/commands\/0\/match: is not a valid regular expression/);
  const hive = variant((x) => { x.os.registry = { 'SOFTWARE\\Contoso': {} }; });
  assert.deepEqual(lines(hive), ['machines/lab.json: /os/registry/SOFTWARE\\Contoso: must start with a hive '
    + '(HKEY_LOCAL_MACHINE, HKEY_CURRENT_USER, HKEY_USERS, HKEY_CLASSES_ROOT, HKEY_CURRENT_CONFIG, HKLM, HKCU, HKU, '
    + 'HKCR, HKCC)']);
});

test('disk rules: one size, fitting partitions, letters, FAT32 limits, boot entries, removed fields', () => {
  const p = variant((x) => {
    x.disks[0].sizeGB = 512;
    x.disks[0].partitions[2].sizeMB = 600000;
    x.disks[0].partitions[0].letter = 'S:';
    x.disks[0].partitions[2].letter = 'x:';
    x.disks.push({ index: 0, sizeGB: 64, bus: 'USB', model: 'Stick', serialNumber: '1', style: 'MBR',
      partitions: [{ role: 'Primary', fileSystem: 'FAT32', files: [{ path: 'big.iso', sizeBytes: 5 * 1024 ** 3 }] }] });
    x.firmware.bootEntries[0].partition = 9;
  });
  assert.deepEqual(lines(p).map((l) => l.replace('machines/lab.json: ', '')).sort(), [
    '/disks/0/partitions/0/letter: a EFI partition gets no drive letter',
    '/disks/0/partitions/2/letter: X: is reserved (floppy drives, the Windows PE RAM disk)',
    '/disks/0/sizeGB: give exactly one of sizeGB and sizeBytes',
    '/disks/1/index: duplicates disk index 0',
    '/disks/1/partitions/0/fileSystem: Windows does not format FAT32 volumes larger than 32 GB',
    '/disks/1/partitions/0/files/0/sizeBytes: FAT32 cannot hold a file of 4 GiB or more',
    '/firmware/bootEntries/0/partition: disk 0 has no partition 9',
  ]);
  const tooBig = variant((x) => { x.disks[0].partitions[2].sizeMB = 600000; });
  assert.deepEqual(lines(tooBig).map((l) => l.replace('machines/lab.json: ', '')), [
    '/disks/0/partitions/2/sizeMB: the partitions do not fit on the disk (1 MiB stays free at each end)',
    '/disks/0/partitions/3/sizeMB: the partitions do not fit on the disk (1 MiB stays free at each end)',
  ]);
  assert.deepEqual(lines(variant((x) => { x.previousWindows = {}; })), ['machines/lab.json: /previousWindows: is not a known field']);
  assert.deepEqual(lines(variant((x) => { x.disks = 'none'; })), ['machines/lab.json: /disks: must be array']);
});

test('loadProfile reads a file and throws InvalidInputError naming file and path', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'taskseq-profile-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(join(dir, 'machines'));
  const file = join(dir, 'machines', 'lab.json');
  writeFileSync(file, JSON.stringify(variant((x) => { x.name = 'lab'; })));
  assert.equal(loadProfile(file).name, 'lab');
  writeFileSync(file, JSON.stringify(variant((x) => { x.firmware.mode = 'EFI'; })));
  assert.throws(() => loadProfile(file), (err: unknown) => {
    assert.ok(err instanceof InvalidInputError);
    assert.match(err.message, new RegExp(`${file.replace(/[\\.]/g, '\\$&')}: /firmware/mode: must be one of UEFI, BIOS`));
    assert.equal(err.problems[0].field, '/firmware/mode');
    return true;
  });
});

test('loadProfile explains broken JSON and unknown names', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'taskseq-profile-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'broken.json');
  writeFileSync(file, '{ "name": ');
  assert.throws(() => loadProfile(file), (err: Error) => err instanceof InvalidInputError
    && err.message.startsWith(`${file}: not valid JSON`));
  assert.throws(() => loadProfile('uefi-deskop'), (err: Error) => err instanceof InvalidInputError
    && /uefi-deskop: no such file; give a JSON file or a built-in profile \(uefi-desktop, bios-desktop/.test(err.message));
});

test('anything that is not an object is refused at the root', () => {
  assert.deepEqual(lines([]), ['machines/lab.json: /: must be object']);
});
