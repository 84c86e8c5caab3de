/**
 * The files BIOS boot files put on the active system partition, as bcdboot does: the image's
 * `Windows\Boot\PCAT\bootmgr` at the root, `Windows\Boot\PCAT\*` in `\Boot`, `Windows\Boot\Fonts` in `\Boot\Fonts`
 * and the BCD store at `\Boot\BCD`. The tree is staged on the host, then merged into the mounted NTFS volume with
 * names matched in any case (an existing `\BOOT` is written into, not doubled) and without following links.
 */
import { mkdtempSync, rmSync, writeFileSync, cpSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TaskseqError } from '../../../../engine/index.ts';
import { copyFileNoFollow, makeFoldersNoFollow, walkNoFollow } from '../../host-files/no-follow.ts';
import { findFile, findFolder, placeFor } from '../../host-files/volume-files.ts';
import { copyTreeNoLinks, listFiles } from './staged-tree.ts';

/** The applied image's BIOS boot manager files. */
export interface PcatSource {
  /** `Windows\Boot\PCAT` on the host. */
  pcatFolder: string;
  /** Its `bootmgr`. */
  bootManager: string;
  /** `Windows\Boot\Fonts` on the host, when the image has it. */
  fontsFolder?: string;
}

/**
 * The image's `Boot\PCAT` folder with its `bootmgr` (names in any case).
 * @throws TaskseqError('unsupported') when the Windows folder has no `Boot\PCAT\bootmgr`
 */
export function findPcatSource(windowsHostPath: string, windowsPath: string): PcatSource {
  const pcatFolder = findFolder(windowsHostPath, ['Boot', 'PCAT']);
  const bootManager = pcatFolder && findFile(pcatFolder, ['bootmgr']);
  if (!pcatFolder || !bootManager) {
    throw new TaskseqError('unsupported', `cannot write BIOS boot files for ${windowsPath}: it has no Boot\\PCAT\\bootmgr (the image holds no BIOS boot manager)`);
  }
  const fontsFolder = findFolder(windowsHostPath, ['Boot', 'Fonts']);
  return { pcatFolder, bootManager, ...(fontsFolder ? { fontsFolder } : {}) };
}

/** Stages `bootmgr`, `Boot\*`, `Boot\Fonts\*` and `Boot\BCD` under `stage`; returns the partition's paths. */
export function stageSystemTree(stage: string, source: PcatSource, bcd: Uint8Array, windowsPath: string): string[] {
  const boot = join(stage, 'Boot');
  mkdirSync(boot, { recursive: true });
  copyTreeNoLinks(source.pcatFolder, boot, `cannot write BIOS boot files for ${windowsPath}: Boot\\PCAT`);
  if (source.fontsFolder) {
    mkdirSync(join(boot, 'Fonts'), { recursive: true });
    copyTreeNoLinks(source.fontsFolder, join(boot, 'Fonts'), `cannot write BIOS boot files for ${windowsPath}: Boot\\Fonts`);
  }
  writeFileSync(join(boot, 'BCD'), bcd);
  cpSync(source.bootManager, join(stage, 'bootmgr'));
  return listFiles(stage).map((p) => p.join('\\'));
}

/**
 * Writes every file of `stage` into the volume at `root`, replacing files of the same name (in any case).
 * @throws TaskseqError('unsupported') when a link on the volume is on the way
 */
export function mergeIntoVolume(root: string, stage: string): void {
  for (const entry of walkNoFollow(stage)) {
    const segments = entry.path.slice(stage.length + 1).split('/');
    const shown = segments.join('\\');
    if (entry.kind === 'folder') makeFoldersNoFollow(root, placeFor(root, segments), shown);
    else copyFileNoFollow(root, entry.path, placeFor(root, segments), shown);
  }
}

/**
 * Writes the BIOS boot manager's files and the BCD store onto the mounted system partition at `root`.
 * @returns the partition's paths written (`bootmgr`, `Boot\BCD`, ...)
 */
export function writeSystemPartitionFiles(root: string, source: PcatSource, bcd: Uint8Array, windowsPath: string): string[] {
  const stage = mkdtempSync(join(tmpdir(), 'taskseq-pcat-'));
  try {
    const files = stageSystemTree(stage, source, bcd, windowsPath);
    mergeIntoVolume(root, stage);
    return files;
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}
