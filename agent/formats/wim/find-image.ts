/** Picking one image of a WIM by its 1-based index. */
import type { ImageFacts, WimFacts } from '../../../engine/ports/imaging.ts';
import { InvalidInputError } from '../../../engine/problems.ts';

/**
 * The image with the given 1-based index.
 * @throws InvalidInputError naming the file and listing the images (`1: Name, 2: Name`) when there is none.
 */
export function findImage(facts: WimFacts, index: number): ImageFacts {
  const found = facts.images.find((image) => image.index === index);
  if (found) return found;
  const listing = facts.images.map((image) => `${image.index}: ${image.name}`).join(', ');
  throw new InvalidInputError(
    `${facts.path} has no image with index ${index}; it holds ${facts.images.length === 0 ? 'no images' : listing}`,
  );
}
