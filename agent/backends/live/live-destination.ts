/** Download Package Content's destinations on a live machine: a folder on a volume the backend reaches as a folder. */
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { TaskseqError } from '../../../engine/index.ts';
import { packageFolderOn, type PackageDestination } from '../../content/package-destination.ts';
import { folderOnVolume, resolveOnVolume } from './volume-path.ts';

/** `rootOf(letter)`: the host folder the volume is mounted at, or undefined. */
export function createLiveDestination(rootOf: (letter: string) => string | undefined): PackageDestination {
  return {
    place(folder, files, destination, packageId) {
      const { letter, folder: base } = packageFolderOn(destination, packageId);
      const root = rootOf(letter);
      if (!root) throw new TaskseqError('unsupported', `cannot put package ${packageId} into ${destination}: no mounted NTFS volume ${letter} on the target disks`);
      const what = `cannot put package ${packageId} into ${destination}`;
      const existing = resolveOnVolume(root, base, what);
      if (existing.exists) rmSync(existing.path, { recursive: true, force: true });
      const target = folderOnVolume(root, base, what);
      for (const rel of files) {
        const to = join(target, ...rel.split('/'));
        mkdirSync(dirname(to), { recursive: true });
        copyFileSync(join(folder, ...rel.split('/')), to);
      }
      return `${letter}\\${base}`;
    },
  };
}
