/**
 * The files UEFI boot files put on the EFI system partition, written without mounting it (vfat may not be mountable
 * where the agent runs): the tree is staged in a temp folder and copied with one recursive `mcopy`, which creates
 * the folders that are missing and merges into those that exist (FAT names match in any case).
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TaskseqError, fallbackLoader, type Architecture } from '../../../../engine/index.ts';
import type { RunProcess } from '../../process/process-types.ts';
import { requireSuccess } from './command-failure.ts';
import { findFile } from '../../host-files/volume-files.ts';
import { copyTreeNoLinks, listFiles } from './staged-tree.ts';

/** mtools checks a FAT's geometry against the device's, which a partition loop device does not report. */
export const MTOOLS_ENV = { MTOOLS_SKIP_CHECK: '1' } as const;
const COPY_TIMEOUT_MS = 10 * 60_000;

/** What goes onto the EFI system partition. */
export interface EspContent {
  /** The applied Windows' `Boot\EFI` folder on the host. */
  bootEfiFolder: string;
  bcd: Uint8Array;
  architecture: Architecture;
}

/**
 * The boot manager in `Boot\EFI`, in any case.
 * @throws TaskseqError('unsupported') when there is none
 */
export function bootManagerIn(bootEfiFolder: string, windowsPath: string): string {
  const file = findFile(bootEfiFolder, ['bootmgfw.efi']);
  if (!file) throw new TaskseqError('unsupported', `cannot write UEFI boot files for ${windowsPath}: it has no Boot\\EFI\\bootmgfw.efi (the image holds no UEFI boot manager)`);
  return file;
}

/** `EFI\Boot\bootx64.efi` -> `['EFI', 'Boot', 'bootx64.efi']`. */
const segmentsOf = (path: string) => path.split('\\');

/** Stages `EFI\Microsoft\Boot\*` (with the BCD store) and the fallback loader under `stage`; returns the ESP paths. */
export function stageEspTree(stage: string, content: EspContent, windowsPath: string): string[] {
  const bootManager = bootManagerIn(content.bootEfiFolder, windowsPath);
  const microsoftBoot = join(stage, 'EFI', 'Microsoft', 'Boot');
  mkdirSync(microsoftBoot, { recursive: true });
  copyTreeNoLinks(content.bootEfiFolder, microsoftBoot, `cannot write UEFI boot files for ${windowsPath}: Boot\\EFI`);
  writeFileSync(join(microsoftBoot, 'BCD'), content.bcd);
  const fallback = segmentsOf(fallbackLoader(content.architecture));
  mkdirSync(join(stage, ...fallback.slice(0, -1)), { recursive: true });
  cpSync(bootManager, join(stage, ...fallback));
  return listFiles(stage).map((p) => p.join('\\'));
}

/** The one mcopy that writes the staged tree onto the partition (overwriting, stopping at the first failure). */
export function mcopyArgv(espDevice: string, stagedEfi: string): string[] {
  return ['mcopy', '-s', '-o', '-Q', '-i', espDevice, stagedEfi, '::/'];
}

/**
 * Writes the boot manager's files, the BCD store and the fallback loader to the EFI system partition on `espDevice`.
 * @returns the ESP paths written (`EFI\Microsoft\Boot\BCD`, ...)
 * @throws TaskseqError('unsupported') when mcopy fails or is stopped
 */
export async function writeEspFiles(run: RunProcess, espDevice: string, content: EspContent, windowsPath: string): Promise<string[]> {
  const stage = mkdtempSync(join(tmpdir(), 'taskseq-esp-'));
  try {
    const files = stageEspTree(stage, content, windowsPath);
    const argv = mcopyArgv(espDevice, join(stage, 'EFI'));
    const result = await run({ argv, env: MTOOLS_ENV, timeoutMs: COPY_TIMEOUT_MS });
    requireSuccess(result, argv, `cannot write the UEFI boot files to ${espDevice}`);
    return files;
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}
