/**
 * Where a WIM path points on the host. A path with a drive letter (`D:\Captures\ref.wim`) is a file on that volume,
 * a path on a network share (`\\server\share\ref.wim`) a file in the folder the run connected the share at; any
 * other path (a content folder resolved by the Content port) is a host path as given. On volumes and shares alike
 * names match in any case and no link is followed.
 */
import { join } from 'node:path';
import { TaskseqError } from '../../../../engine/index.ts';
import { findEntry, putFolder, splitVolumePath } from '../../host-files/volume-files.ts';
import { checkNoLinks, entryKind } from '../../host-files/no-follow.ts';
import { sharePlace, type ConnectedShare } from '../../host-files/shares.ts';

/** A resolved WIM path; `letter` is set when the file lives on a volume of the machine. */
export interface ImagePath {
  host: string;
  letter?: string;
}

/** Where WIM paths can lie: the machine's volumes by letter and the shares the run connected. */
export interface ImagePlaces {
  /** Host folder of a lettered volume (`C:`), undefined when there is none. */
  volumeRoot(letter: string): string | undefined;
  /** The network shares the run reaches (`--share`); none when absent. */
  shares?: readonly ConnectedShare[];
}

const DRIVE_PATH = /^([A-Za-z]:)[\\/]/;

/** The folder a volume or share path lives in and the names below it; undefined for a host path. */
function placeOf(path: string, places: ImagePlaces): { root: string; segments: string[]; letter?: string } | undefined {
  const share = sharePlace(places.shares ?? [], path, 'image path');
  if (share) return { root: share.root, segments: share.segments };
  if (!DRIVE_PATH.test(path)) return undefined;
  const letter = DRIVE_PATH.exec(path)![1].toUpperCase();
  const root = places.volumeRoot(letter);
  if (root === undefined) throw new TaskseqError('unsupported', `${path}: no volume ${letter} on this machine`);
  return { root, segments: splitVolumePath(path, 'image path'), letter };
}

const withLetter = (host: string, letter: string | undefined): ImagePath => (letter ? { host, letter } : { host });

/**
 * An existing (or to be read) WIM.
 * @throws TaskseqError('unsupported') for a drive letter with no volume, a share the run has not connected or a link
 */
export function resolveImagePath(path: string, places: ImagePlaces): ImagePath {
  const place = placeOf(path, places);
  if (!place) return { host: path };
  const host = findEntry(place.root, place.segments) ?? join(place.root, ...place.segments);
  if (entryKind(host) === 'link') {
    throw new TaskseqError('unsupported', `cannot read ${path}: it is a symbolic link, which the simulated machine does not follow`);
  }
  return withLetter(host, place.letter);
}

/**
 * A WIM about to be written: on a volume or share, its folder is created (keeping the spelling of existing folders).
 * @throws TaskseqError('unsupported') for a drive letter with no volume, a share the run has not connected, a path
 *   that names no file, or a link on the way
 */
export function prepareOutputPath(path: string, places: ImagePlaces): ImagePath {
  const place = placeOf(path, places);
  if (!place) return { host: path };
  const { root, segments } = place;
  if (segments.length === 0) throw new TaskseqError('unsupported', `${path}: names a ${place.letter ? 'volume' : 'share'}, not a file`);
  const folder = segments.slice(0, -1);
  putFolder(root, folder);
  const name = segments.at(-1)!;
  const host = findEntry(root, segments) ?? join(findEntry(root, folder) ?? root, name);
  // The WIM is moved (or copied) into place and, for an append, read first: neither may go through a link.
  checkNoLinks(root, host, path);
  return withLetter(host, place.letter);
}
