/**
 * Paths on a mounted Windows volume: `\`-separated as the sequence writes them, each name found case-insensitively
 * (Windows' rule; an ntfs-3g mount compares names exactly), and never through a symbolic link, which on the deployed
 * machine would point into its own drives, not into this host.
 */
import { mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { TaskseqError } from '../../../engine/index.ts';
import { entryKind } from '../host-files/no-follow.ts';
import { findEntry, splitVolumePath } from '../host-files/volume-files.ts';

/** A volume path resolved on the host. */
export interface HostPath {
  path: string;
  /** False when a name on the way (or the last) does not exist yet; the rest is then as spelled. */
  exists: boolean;
}

/**
 * The host path of `volumePath` (`Windows\Panther\unattend.xml`) under the mount `root`.
 * @throws TaskseqError('unsupported') when a name on the way is a symbolic link (`what` names the operation);
 *   TaskseqError('invalid-input') for an empty, `.` or `..` name
 */
export function resolveOnVolume(root: string, volumePath: string, what: string): HostPath {
  let path = root;
  let exists = true;
  const seen: string[] = [];
  for (const name of volumeNames(volumePath, what)) {
    const found = exists ? findEntry(path, [name]) : undefined;
    seen.push(found ? basename(found) : name);
    path = found ?? join(path, name);
    if (found === undefined) { exists = false; continue; }
    if (entryKind(found) === 'link') {
      throw new TaskseqError('unsupported', `${what}: ${seen.join('\\')} is a symbolic link, which taskseq does not follow on any machine`);
    }
  }
  return { path, exists };
}

/** The names of a volume path by the project's one rule for them (no empty, `.`, `..` or reserved names). */
function volumeNames(volumePath: string, what: string): string[] {
  try {
    return splitVolumePath(volumePath, what);
  } catch (e) {
    throw new TaskseqError('invalid-input', `${what}: ${volumePath} is not a path on the volume (${(e as Error).message})`, { cause: e });
  }
}

/** The folder `volumePath` under `root`, made where it is missing (names found as {@link resolveOnVolume} does). */
export function folderOnVolume(root: string, volumePath: string, what: string): string {
  const names = volumePath.split('\\');
  for (let i = 1; i <= names.length; i++) {
    const at = resolveOnVolume(root, names.slice(0, i).join('\\'), what);
    if (!at.exists) mkdirSync(at.path);
  }
  return resolveOnVolume(root, volumePath, what).path;
}
