/**
 * The applied Windows as the boot files need it, found in the mounted Windows volume's host folder by names matched
 * without regard to case (the volume is NTFS, the host's file names are case-sensitive): its folder as spelled on the
 * volume, `System32` (proof that it is an applied Windows) and `Boot\EFI` (the boot manager's files).
 */
import { InvalidInputError, TaskseqError } from '../../../../engine/index.ts';
import { parseWindowsPath } from '../../host-files/path-confinement.ts';
import { findFolder } from '../../host-files/volume-files.ts';

/**
 * The drive and folders of a request's `windowsPath` (`C:\Windows` -> `C:`, `['Windows']`), by the project's one
 * rule for Windows paths.
 * @throws InvalidInputError for a path that is not a folder on a drive
 */
export function windowsDrivePath(windowsPath: string): { letter: string; segments: string[] } {
  const where = parseWindowsPath(windowsPath, 'windowsPath');
  if (where.kind !== 'drive' || where.segments.length === 0) {
    throw new InvalidInputError(`windowsPath '${windowsPath}' is not a folder on a drive (like C:\\Windows)`);
  }
  return { letter: where.letter, segments: where.segments };
}

/** The Windows folder of an applied OS. */
export interface WindowsFolder {
  /** `C:` */
  letter: string;
  /** On the host: the folder itself. */
  hostPath: string;
  /** On the volume, as spelled there: `\Windows`. */
  systemRoot: string;
}

/**
 * The Windows folder a request names (`C:\Windows`) under the host folder where that volume is mounted.
 * @throws InvalidInputError for a path without a drive; TaskseqError('unsupported') when the folder has no System32
 */
export function findWindowsFolder(windowsPath: string, volumeRoot: string): WindowsFolder {
  const { letter, segments } = windowsDrivePath(windowsPath);
  // Names are matched in any case, and a link on the way is never followed (an image could hold one to the host).
  const hostPath = findFolder(volumeRoot, segments);
  if (!hostPath || !findFolder(hostPath, ['System32'])) {
    throw new TaskseqError('unsupported', `cannot write boot files for ${windowsPath}: it has no System32 folder (not the Windows folder of an applied OS)`);
  }
  const spelled = hostPath.slice(volumeRoot.replace(/\/+$/, '').length).split('/').filter((s) => s !== '');
  return { letter, hostPath, systemRoot: `\\${spelled.join('\\')}` };
}
