import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, it } from 'node:test';
import { createFakeMachine, type FakeMachine } from './fake-imaging-machine.ts';
import type { BootVolume } from './imaging-deps.ts';
import { createSimulatedImaging } from './simulated-imaging.ts';

let m: FakeMachine | undefined;
afterEach(() => m?.cleanup());

function machine(options: { esp?: Partial<BootVolume> | false; active?: 'C:' | 'S:' | false; raw?: boolean }) {
  m = createFakeMachine();
  const c = m.addVolume('C:');
  mkdirSync(join(c, 'Windows', 'System32'), { recursive: true });
  const espRoot = join(m.dir, 'volumes', 'esp');
  mkdirSync(espRoot, { recursive: true });
  const esp: BootVolume = { root: espRoot, disk: 0, partition: 1, fileSystem: options.raw ? 'RAW' : 'FAT32',
    ...(options.esp || {}) };
  const sRoot = options.active === 'S:' ? m.addVolume('S:') : undefined;
  const active: BootVolume | undefined = options.active === 'C:'
    ? { root: c, disk: 0, partition: 1, fileSystem: 'NTFS', letter: 'C:' }
    : sRoot ? { root: sRoot, disk: 0, partition: 1, fileSystem: options.raw ? 'RAW' : 'NTFS', letter: 'S:' } : undefined;
  const fake = createFakeMachine({ esp: options.esp === false ? undefined : esp, active });
  const deps = { ...fake.deps, volumeRoot: m.deps.volumeRoot, volumeInfo: m.deps.volumeInfo };
  fake.cleanup();
  return { imaging: createSimulatedImaging(deps), esp: espRoot, c, s: sRoot, entries: fake.bootEntries };
}

describe('simulated imaging: boot files', () => {
  it('UEFI writes the boot manager, BCD and fallback loader to the ESP and records a boot entry', async () => {
    const t = machine({ active: false });
    await t.imaging.writeBootFiles({ windowsPath: 'C:\\Windows', firmware: 'UEFI' });
    assert.deepEqual(readdirSync(join(t.esp, 'EFI')).sort(), ['Boot', 'Microsoft']);
    assert.deepEqual(readdirSync(join(t.esp, 'EFI', 'Microsoft', 'Boot')).sort(), ['BCD', 'bootmgfw.efi']);
    assert.deepEqual(readdirSync(join(t.esp, 'EFI', 'Boot')), ['bootx64.efi']);
    const bcd = readFileSync(join(t.esp, 'EFI', 'Microsoft', 'Boot', 'BCD'), 'utf8');
    assert.match(bcd, /^firmware=UEFI$/m);
    assert.match(bcd, /^osdevice=C:$/m);
    assert.match(bcd, /^osloader=\\Windows\\system32\\winload\.efi$/m);
    assert.deepEqual(t.entries, [
      { description: 'Windows Boot Manager', disk: 0, partition: 1, path: 'EFI\\Microsoft\\Boot\\bootmgfw.efi' },
    ]);
  });

  it('BIOS writes bootmgr and Boot\\BCD on the active partition, the Windows volume itself when active', async () => {
    const t = machine({ esp: false, active: 'C:' });
    await t.imaging.writeBootFiles({ windowsPath: 'c:\\windows', firmware: 'BIOS' });
    assert.deepEqual(readdirSync(t.c).sort(), ['Boot', 'Windows', 'bootmgr']);
    assert.match(readFileSync(join(t.c, 'Boot', 'BCD'), 'utf8'), /^osloader=\\Windows\\system32\\winload\.exe$/m);
    assert.deepEqual(t.entries, []);
  });

  it('ALL writes both sets; a separate system partition is used when active', async () => {
    const t = machine({ active: 'S:' });
    await t.imaging.writeBootFiles({ windowsPath: 'C:\\Windows', firmware: 'ALL', systemDrive: undefined });
    assert.deepEqual(readdirSync(t.s!).sort(), ['Boot', 'bootmgr']);
    assert.deepEqual(readdirSync(t.c), ['Windows']);
    assert.equal(t.entries.length, 1);
  });

  it('refuses, writing nothing: no ESP, no active partition, RAW, no System32, wrong system drive', async () => {
    const noEsp = machine({ esp: false, active: 'C:' });
    await assert.rejects(async () => noEsp.imaging.writeBootFiles({ windowsPath: 'C:\\Windows', firmware: 'ALL' }), {
      code: 'unsupported', message: 'cannot write UEFI boot files: no disk has an EFI system partition',
    });
    assert.deepEqual(readdirSync(noEsp.c), ['Windows']);
    m!.cleanup();
    const noActive = machine({ active: false });
    await assert.rejects(async () => noActive.imaging.writeBootFiles({ windowsPath: 'C:\\Windows', firmware: 'ALL' }), {
      code: 'unsupported', message: 'cannot write BIOS boot files: disk 0 has no active partition',
    });
    assert.deepEqual(readdirSync(noActive.esp), []);
    await assert.rejects(async () => noActive.imaging.writeBootFiles({ windowsPath: 'C:\\Users', firmware: 'UEFI' }), {
      code: 'unsupported',
      message: 'cannot write boot files for C:\\Users: it has no System32 folder (not the Windows folder of an applied OS)',
    });
    await assert.rejects(async () => noActive.imaging.writeBootFiles({ windowsPath: 'Windows', firmware: 'UEFI' }),
      { code: 'invalid-input' });
    await assert.rejects(async () => noActive.imaging.writeBootFiles({ windowsPath: 'C:\\Windows', firmware: 'UEFI', systemDrive: 'S:' }), {
      code: 'unsupported',
      message: 'cannot write boot files to S:, which is not the EFI system partition (disk 0 partition 1)',
    });
    assert.deepEqual(noActive.entries, []);
    m!.cleanup();
    const raw = machine({ raw: true, active: false });
    await assert.rejects(async () => raw.imaging.writeBootFiles({ windowsPath: 'C:\\Windows', firmware: 'UEFI' }), {
      code: 'unsupported',
      message: 'cannot write boot files: the EFI system partition (disk 0 partition 1) is not formatted (RAW)',
    });
  });
});
