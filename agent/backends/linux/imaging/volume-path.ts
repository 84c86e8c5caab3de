/**
 * Paths on a mounted Windows volume: `\`-separated as the sequence writes them, each name found case-insensitively
 * (Windows' rule; an ntfs-3g mount compares names exactly), and never through a symbolic link, which on the deployed
 * machine would point into its own drives, not into this host.
 */
import { lstatSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { TaskseqError } from '../../../../engine/index.ts';

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
  for (const name of volumePath.split('\\')) {
    if (name === '' || name === '.' || name === '..' || name.includes('/') || name.includes('\0')) {
      throw new TaskseqError('invalid-input', `${what}: ${volumePath} is not a path on the volume`);
    }
    const found = exists ? readdirSync(path).find((n) => n.toLowerCase() === name.toLowerCase()) : undefined;
    seen.push(found ?? name);
    path = join(path, found ?? name);
    if (found === undefined) { exists = false; continue; }
    if (lstatSync(path).isSymbolicLink()) {
      throw new TaskseqError('unsupported', `${what}: ${seen.join('\\')} is a symbolic link, which the Linux backend does not follow`);
    }
  }
  return { path, exists };
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
