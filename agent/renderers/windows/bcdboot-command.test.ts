import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { TaskseqError } from '../../../engine/index.ts';
import type { BootFilesRequest } from '../../../engine/index.ts';
import { renderBcdboot } from './bcdboot-command.ts';
import { quoteWindowsArgv } from './dism-command.ts';

function golden(name: string): { argv: string[]; commandLine: string } {
  const text = readFileSync(new URL(`./fixtures/dism/${name}.argv.txt`, import.meta.url), 'utf8');
  const [argv, commandLine] = text.replace(/\n$/, '').split('\n\n');
  return { argv: argv.split('\n'), commandLine };
}

test('bcdboot golden: UEFI with system drive and locale', () => {
  const argv = renderBcdboot({ windowsPath: 'C:\\Windows', firmware: 'UEFI', systemDrive: 's', locale: 'en-US' });
  assert.deepEqual(argv, golden('bcdboot-uefi').argv);
  assert.equal(quoteWindowsArgv(argv), golden('bcdboot-uefi').commandLine);
});

test('bcdboot golden: without a system drive the firmware is left to bcdboot (it takes /f only with /s)', () => {
  const argv = renderBcdboot({ windowsPath: 'C:\\Windows', firmware: 'BIOS' });
  assert.deepEqual(argv, golden('bcdboot-firmware-default').argv);
  assert.equal(quoteWindowsArgv(argv), golden('bcdboot-firmware-default').commandLine);
});

test('bcdboot: each firmware value goes to /f; S: and S are the same drive', () => {
  for (const firmware of ['UEFI', 'BIOS', 'ALL'] as const) {
    assert.deepEqual(renderBcdboot({ windowsPath: 'W:\\Windows', firmware, systemDrive: 'S:' }), ['bcdboot.exe', 'W:\\Windows', '/s', 'S:', '/f', firmware]);
  }
});

test('bcdboot: bad drive letter, firmware, locale or path are refused', () => {
  const base: BootFilesRequest = { windowsPath: 'C:\\Windows', firmware: 'UEFI' };
  const invalid = (e: unknown) => e instanceof TaskseqError && e.code === 'invalid-input';
  assert.throws(() => renderBcdboot({ ...base, systemDrive: 'SYS' }), (e: unknown) => invalid(e) && /bcdboot: system drive SYS is not a drive letter/.test((e as Error).message));
  assert.throws(() => renderBcdboot({ ...base, firmware: 'EFI' as BootFilesRequest['firmware'] }), /bcdboot: firmware EFI is not UEFI, BIOS or ALL/);
  assert.throws(() => renderBcdboot({ ...base, locale: 'en us' }), /bcdboot: locale en us is not a language tag/);
  assert.throws(() => renderBcdboot({ ...base, windowsPath: 'C:\\"Windows"' }), /bcdboot: Windows folder .* double quote/);
});

test('bcdboot refuses a Windows folder that it would read as an option', () => {
  for (const windowsPath of ['/s', '-f']) {
    assert.throws(() => renderBcdboot({ windowsPath, firmware: 'UEFI' }), (e: unknown) => e instanceof TaskseqError
      && e.code === 'invalid-input' && e.message.startsWith(`bcdboot: Windows folder ${windowsPath} begins with '${windowsPath[0]}'`));
  }
});
