import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { TaskseqError } from '../../../../engine/index.ts';
import { stageEspTree } from './esp-files.ts';
import { findWindowsFolder } from './windows-folder.ts';

function folder(t: { after(fn: () => void): void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'taskseq-esp-test-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

describe('the ESP tree from an applied image', () => {
  it('copies Boot\\EFI and the fallback loader; a symbolic link in the image is refused, not followed onto the ESP', (t) => {
    const dir = folder(t);
    const efi = join(dir, 'volume', 'Windows', 'Boot', 'EFI');
    mkdirSync(join(efi, 'en-US'), { recursive: true });
    writeFileSync(join(efi, 'bootmgfw.efi'), 'manager');
    writeFileSync(join(efi, 'en-US', 'bootmgfw.efi.mui'), 'strings');
    const stage = join(dir, 'stage');
    const files = stageEspTree(stage, { bootEfiFolder: efi, bcd: new Uint8Array([1]), architecture: 'x64' }, 'C:\\Windows');
    assert.ok(files.includes('EFI\\Microsoft\\Boot\\en-US\\bootmgfw.efi.mui'));
    assert.equal(readFileSync(join(stage, 'EFI', 'Boot', 'bootx64.efi'), 'utf8'), 'manager');

    writeFileSync(join(dir, 'host-secret'), 'of this host');
    symlinkSync(join(dir, 'host-secret'), join(efi, 'evil.efi'));
    assert.throws(() => stageEspTree(join(dir, 'stage2'), { bootEfiFolder: efi, bcd: new Uint8Array([1]), architecture: 'x64' }, 'C:\\Windows'),
      (e: unknown) => e instanceof TaskseqError && /Boot\\EFI\\evil\.efi is a symbolic link, which is not copied/.test(e.message));
  });

  it('a Windows folder reached through a symbolic link is not an applied Windows', (t) => {
    const dir = folder(t);
    mkdirSync(join(dir, 'elsewhere', 'System32'), { recursive: true });
    mkdirSync(join(dir, 'volume'));
    symlinkSync(join(dir, 'elsewhere'), join(dir, 'volume', 'Windows'));
    assert.throws(() => findWindowsFolder('C:\\Windows', join(dir, 'volume')), /has no System32 folder/);
    assert.throws(() => findWindowsFolder('Windows', join(dir, 'volume')), /not a folder on a drive|expected a full path on a drive/);
  });
});
