/** The Volumes port over the simulated volumes (their folders and file-system rules). */
import type { VolumesPort } from '../../../../engine/index.ts';
import type { SimulatedVolumes } from '../disks/simulated-volumes.ts';

export function createVolumesPort(volumes: SimulatedVolumes): VolumesPort {
  return {
    readFile: (letter, path) => volumes.readFile(letter, path),
    writeFile: (letter, path, content) => volumes.writeFile(letter, path, { content }),
    exists: (letter, path) => volumes.exists(letter, path),
    list: (letter, folder) => volumes.list(letter, folder),
    wipe: (letter, keep) => {
      const kept = new Set(keep.map((k) => k.toLowerCase()));
      let removed = 0;
      for (const name of volumes.list(letter)) {
        if (kept.has(name.toLowerCase())) continue;
        if (volumes.remove(letter, name)) removed++;
      }
      return removed;
    },
    freeBytes: (letter) => volumes.find(letter).partition.sizeBytes - volumes.usedBytes(letter),
  };
}
