/**
 * Package folders on the simulated machine's volumes: each file is first declared through the volumes API (which
 * applies the file-system rules: RAW, FAT32's 4 GiB limit, free space) and then filled with the real bytes.
 */
import { copyFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { TaskseqError } from '../../../../engine/index.ts';
import type { SimulatedVolumes } from '../disks/simulated-volumes.ts';
import { findEntry, splitVolumePath } from '../../host-files/volume-files.ts';
import { packageFolderOn, type PackageDestination } from '../../../content/package-destination.ts';

export function createSimulatedDestination(volumes: SimulatedVolumes): PackageDestination {
  return {
    place(folder, files, destination, packageId) {
      const on = packageFolderOn(destination, packageId);
      const letter = on.letter;
      const base = `\\${on.folder}`;
      let root: string;
      try {
        root = volumes.find(letter).root;
      } catch (e) {
        throw new TaskseqError('unsupported', `cannot put package ${packageId} into ${destination}: ${(e as Error).message}`, { cause: e });
      }
      volumes.remove(letter, base);
      volumes.createFolder(letter, base);
      for (const rel of files) {
        const path = `${base}\\${rel.replace(/\//g, '\\')}`;
        const source = join(folder, ...rel.split('/'));
        volumes.writeFile(letter, path, { sizeBytes: statSync(source).size });
        copyFileSync(source, findEntry(root, splitVolumePath(path))!);
      }
      return `${letter}${base}`;
    },
  };
}
