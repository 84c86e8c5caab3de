/** How `taskseq media build --part-size` spreads content files over the parts of a media set. */
import { InvalidInputError } from '../../engine/index.ts';

/**
 * Part numbers (from 1) for files of the given sizes, in order: each part is filled until the next file does not fit,
 * files are never split. Without a part size everything is on part 1.
 * @throws InvalidInputError naming the first file larger than a part
 */
export function assignParts(files: ReadonlyArray<{ name: string; size: number }>, partSize?: number): number[] {
  if (partSize === undefined) return files.map(() => 1);
  const tooBig = files.find((f) => f.size > partSize);
  if (tooBig) {
    const message = `${tooBig.name} is ${tooBig.size} bytes, more than a part holds (--part-size ${partSize}); files are never split`;
    throw new InvalidInputError(message, [{ severity: 'error', code: 'file-larger-than-part', field: '--part-size', message }]);
  }
  let part = 1;
  let used = 0;
  return files.map((f) => {
    if (used + f.size > partSize && used > 0) {
      part += 1;
      used = 0;
    }
    used += f.size;
    return part;
  });
}
