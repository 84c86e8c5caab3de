/**
 * The applied Windows as the boot files need it, found in the mounted Windows volume's host folder by names matched
 * without regard to case (the volume is NTFS, the host's file names are case-sensitive): its folder as spelled on the
 * volume, `System32` (proof that it is an applied Windows) and `Boot\EFI` (the boot manager's files).
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { InvalidInputError, TaskseqError } from '../../../../engine/index.ts';

/** The Windows folder of an applied OS. */
export interface WindowsFolder {
  /** `C:` */
  letter: string;
  /** On the host: the folder itself. */
  hostPath: string;
  /** On the volume, as spelled there: `\Windows`. */
  systemRoot: string;
}

/** The entry of `folder` named `name` in any case, or undefined. */
export function findEntry(folder: string, name: string, kind: 'file' | 'folder'): string | undefined {
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return undefined;
  }
  const want = name.toLowerCase();
  const hit = names.find((n) => n.toLowerCase() === want && (kind === 'folder' ? statSync(join(folder, n)).isDirectory() : statSync(join(folder, n)).isFile()));
  return hit === undefined ? undefined : join(folder, hit);
}

/** A path of folders under `root`, each matched in any case; undefined when one is missing. */
export function findFolder(root: string, segments: readonly string[]): string | undefined {
  let at: string | undefined = root;
  for (const segment of segments) at = at === undefined ? undefined : findEntry(at, segment, 'folder');
  return at;
}

/**
 * The drive and folders of a request's `windowsPath` (`C:\Windows` -> `C:`, `['Windows']`).
 * @throws InvalidInputError for a path without a drive or with `.` or `..`
 */
export function parseWindowsPath(windowsPath: string): { letter: string; segments: string[] } {
  const m = /^([A-Za-z]:)[\\/]+(.+)$/.exec(windowsPath.trim());
  if (!m) throw new InvalidInputError(`windowsPath '${windowsPath}' is not a folder on a drive (like C:\\Windows)`);
  const segments = m[2].split(/[\\/]+/).filter((s) => s !== '');
  if (segments.some((s) => s === '.' || s === '..')) throw new InvalidInputError(`windowsPath '${windowsPath}' may not hold . or ..`);
  return { letter: m[1].toUpperCase(), segments };
}

/**
 * The Windows folder a request names (`C:\Windows`) under the host folder where that volume is mounted.
 * @throws InvalidInputError for a path without a drive; TaskseqError('unsupported') when the folder has no System32
 */
export function findWindowsFolder(windowsPath: string, volumeRoot: string): WindowsFolder {
  const { letter, segments } = parseWindowsPath(windowsPath);
  const hostPath = findFolder(volumeRoot, segments);
  if (!hostPath || !findEntry(hostPath, 'System32', 'folder')) {
    throw new TaskseqError('unsupported', `cannot write boot files for ${windowsPath}: it has no System32 folder (not the Windows folder of an applied OS)`);
  }
  const spelled = hostPath.slice(volumeRoot.replace(/\/+$/, '').length).split('/').filter((s) => s !== '');
  return { letter, hostPath, systemRoot: `\\${spelled.join('\\')}` };
}
