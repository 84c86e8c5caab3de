/**
 * Where a WIM path points on the host. A path with a drive letter (`D:\Captures\ref.wim`) is a file on that
 * simulated volume; any other path (a content folder resolved by the Content port) is a host path as given.
 */
import { join } from 'node:path';
import { TaskseqError } from '../../../../engine/index.ts';
import { findEntry, putFolder, splitVolumePath } from '../../host-files/volume-files.ts';
import { checkNoLinks, entryKind } from '../../host-files/no-follow.ts';

/** A resolved WIM path; `letter` is set when the file lives on a simulated volume. */
export interface ImagePath {
  host: string;
  letter?: string;
}

const DRIVE_PATH = /^([A-Za-z]:)[\\/]/;

function volumeRootOf(path: string, volumeRoot: (letter: string) => string | undefined): [string, string] {
  const letter = DRIVE_PATH.exec(path)![1].toUpperCase();
  const root = volumeRoot(letter);
  if (root === undefined) throw new TaskseqError('unsupported', `${path}: no volume ${letter} on this machine`);
  return [letter, root];
}

/**
 * An existing (or to be read) WIM. Names on volumes match case-insensitively.
 * @throws TaskseqError('unsupported') for a drive letter with no volume
 */
export function resolveImagePath(path: string, volumeRoot: (letter: string) => string | undefined): ImagePath {
  if (!DRIVE_PATH.test(path)) return { host: path };
  const [letter, root] = volumeRootOf(path, volumeRoot);
  const segments = splitVolumePath(path, 'image path');
  const host = findEntry(root, segments) ?? join(root, ...segments);
  if (entryKind(host) === 'link') {
    throw new TaskseqError('unsupported', `cannot read ${path}: it is a symbolic link, which the simulated machine does not follow`);
  }
  return { host, letter };
}

/**
 * A WIM about to be written: on a volume, its folder is created (keeping the spelling of existing folders).
 * @throws TaskseqError('unsupported') for a drive letter with no volume
 */
export function prepareOutputPath(path: string, volumeRoot: (letter: string) => string | undefined): ImagePath {
  if (!DRIVE_PATH.test(path)) return { host: path };
  const [letter, root] = volumeRootOf(path, volumeRoot);
  const segments = splitVolumePath(path, 'image path');
  if (segments.length === 0) throw new TaskseqError('unsupported', `${path}: names a volume, not a file`);
  const folder = segments.slice(0, -1);
  putFolder(root, folder);
  const name = segments.at(-1)!;
  const host = findEntry(root, segments) ?? join(findEntry(root, folder) ?? root, name);
  // The WIM is moved (or copied) into place and, for an append, read first: neither may go through a link.
  checkNoLinks(root, host, path);
  return { host, letter };
}
