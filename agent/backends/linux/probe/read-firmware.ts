/** The firmware this Linux machine booted with, read from sysfs. */
import { constants } from 'node:fs';
import { access, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { EnvironmentFacts } from '../../../../engine/index.ts';

/** The EFI global variable that says whether Secure Boot is enforcing. */
export const SECURE_BOOT_VARIABLE = 'SecureBoot-8be4df61-93ca-11d2-aa0d-00e098032b8c';

/** What the probe knows of the firmware. */
export interface LinuxFirmware {
  mode: EnvironmentFacts['firmware'];
  /** Secure Boot enforcing; always false on BIOS. */
  secureBoot: boolean;
  /**
   * The EFI variables are mounted and writable (`firmware/efi/efivars` exists and is not read-only), so boot entries
   * can be written; false on BIOS and where sysfs is mounted read-only (most containers).
   */
  efiVariablesWritable: boolean;
}

async function isDirectory(path: string): Promise<boolean> {
  return stat(path).then((s) => s.isDirectory(), () => false);
}

/** An efivarfs file is 4 attribute bytes followed by the value; SecureBoot's value is one byte, 1 = enforcing. */
async function secureBootOn(efivars: string): Promise<boolean> {
  const bytes = await readFile(join(efivars, SECURE_BOOT_VARIABLE)).catch(() => undefined);
  return bytes !== undefined && bytes.length >= 5 && bytes[4] === 1;
}

/**
 * UEFI when `<sysRoot>/firmware/efi` exists (the kernel booted through UEFI), else BIOS. Secure Boot from the
 * SecureBoot EFI variable (absent or unreadable = off).
 * @param sysRoot where sysfs is mounted (tests pass a fake tree)
 */
export async function readFirmware(sysRoot = '/sys'): Promise<LinuxFirmware> {
  const efi = join(sysRoot, 'firmware', 'efi');
  if (!(await isDirectory(efi))) return { mode: 'BIOS', secureBoot: false, efiVariablesWritable: false };
  const efivars = join(efi, 'efivars');
  const writable = (await isDirectory(efivars)) && (await access(efivars, constants.W_OK).then(() => true, () => false));
  return { mode: 'UEFI', secureBoot: await secureBootOn(efivars), efiVariablesWritable: writable };
}
