import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFirmware, SECURE_BOOT_VARIABLE } from './read-firmware.ts';

/** A fake sysfs: `efi` makes firmware/efi, `efivars` its efivars folder, `secureBoot` the variable's bytes. */
function sysTree(t: { after: (fn: () => void) => void }, parts: { efi?: boolean; efivars?: boolean; secureBoot?: number[] }): string {
  const root = mkdtempSync(join(tmpdir(), 'taskseq-sys-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  mkdirSync(join(root, 'firmware'));
  if (parts.efi) mkdirSync(join(root, 'firmware', 'efi'));
  if (parts.efivars) mkdirSync(join(root, 'firmware', 'efi', 'efivars'));
  if (parts.secureBoot) writeFileSync(join(root, 'firmware', 'efi', 'efivars', SECURE_BOOT_VARIABLE), Buffer.from(parts.secureBoot));
  return root;
}

test('no firmware/efi: BIOS, no Secure Boot, no EFI variables', async (t) => {
  assert.deepEqual(await readFirmware(sysTree(t, {})), { mode: 'BIOS', secureBoot: false, efiVariablesWritable: false });
});

test('UEFI with Secure Boot on: attributes, then the value 1', async (t) => {
  const root = sysTree(t, { efi: true, efivars: true, secureBoot: [0x06, 0, 0, 0, 1] });
  assert.deepEqual(await readFirmware(root), { mode: 'UEFI', secureBoot: true, efiVariablesWritable: true });
});

test('UEFI with Secure Boot off, or the variable missing or short', async (t) => {
  for (const secureBoot of [[0x06, 0, 0, 0, 0], undefined, [0x06, 0, 0, 1]]) {
    const root = sysTree(t, { efi: true, efivars: true, ...(secureBoot ? { secureBoot } : {}) });
    assert.equal((await readFirmware(root)).secureBoot, false, String(secureBoot));
  }
});

test('UEFI without efivars: EFI variables cannot be written', async (t) => {
  assert.deepEqual(await readFirmware(sysTree(t, { efi: true })), { mode: 'UEFI', secureBoot: false, efiVariablesWritable: false });
});

test('efivars that this process may not write count as not writable', { skip: process.getuid?.() === 0 ? 'root may write anything; read-only efivars need a read-only mount' : false }, async (t) => {
  const root = sysTree(t, { efi: true, efivars: true });
  chmodSync(join(root, 'firmware', 'efi', 'efivars'), 0o555);
  assert.equal((await readFirmware(root)).efiVariablesWritable, false);
});

test('the real /sys reads without error', async () => {
  const firmware = await readFirmware();
  assert.ok(firmware.mode === 'UEFI' || firmware.mode === 'BIOS');
});
