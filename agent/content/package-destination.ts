/** Where Download Package Content puts a package on the machine: a backend-specific writer of folders. */
import { TaskseqError } from '../../engine/index.ts';

export interface PackageDestination {
  /**
   * Copies the files of a local package folder into `<destination>\<packageId>` on the machine, replacing what was
   * there, and returns that machine path.
   * @param files paths relative to `folder`, `/`-separated
   * @throws TaskseqError('unsupported') when the machine cannot hold them there (no such volume, full, FAT32 limit)
   */
  place(folder: string, files: readonly string[], destination: string, packageId: string): string;
}

/**
 * Where a package goes on the machine: `D:\\Drivers` + `PKG00001` -> letter `D:` and folder `Drivers\\PKG00001` (no
 * leading backslash; the package id alone for a volume's root).
 * @throws TaskseqError('unsupported') for a destination that is not a drive path
 */
export function packageFolderOn(destination: string, packageId: string): { letter: string; folder: string } {
  const m = /^([A-Za-z]:)(\\.*)?$/.exec(destination.trim().replace(/\//g, '\\'));
  if (!m) throw new TaskseqError('unsupported', `destination "${destination}" is not a drive path such as D:\\Drivers`);
  const parent = (m[2] ?? '').replace(/^\\+|\\+$/g, '');
  return { letter: m[1]!.toUpperCase(), folder: parent ? `${parent}\\${packageId}` : packageId };
}
