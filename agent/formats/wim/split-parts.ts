/** Names of the parts of a split image: `install.swm`, `install2.swm`, `install3.swm`, ... */
import { basename, extname } from 'node:path';

/**
 * Every part's path, in order, from the first part's path: part N > 1 inserts N before the extension.
 * @param totalParts number of parts (>= 1).
 */
export function planPartPaths(firstPart: string, totalParts: number): string[] {
  const ext = extname(basename(firstPart));
  const stem = firstPart.slice(0, firstPart.length - ext.length);
  return Array.from({ length: totalParts }, (_, i) => (i === 0 ? firstPart : `${stem}${i + 1}${ext}`));
}
