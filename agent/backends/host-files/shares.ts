/**
 * The network shares a run reaches. Each connected share (`\\server\share`) stands at a host folder: where the live
 * system mounted it (cifs, nfs) before the run, or a folder standing in for it on the simulated machine. A path on a
 * share becomes a host path inside that folder by the confinement rule volumes follow (every name checked on its
 * own, so `\\server\share\..\x` never leaves the folder); callers then find names in any case and follow no link,
 * as on a volume.
 */
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { InvalidInputError, sameShare, TaskseqError } from '../../../engine/index.ts';
import { parseWindowsPath } from './path-confinement.ts';

/** A share the run reaches, and where its files are on this host. */
export interface ConnectedShare {
  /** `\\server\share`, spelled as the run named it. */
  name: string;
  /** The absolute host folder the share's root stands at. */
  folder: string;
}

/** A path on a connected share: the share's folder and the checked names below it. */
export interface SharePlace {
  share: ConnectedShare;
  root: string;
  segments: string[];
}

function refuse(option: string, text: string, why: string): never {
  throw new InvalidInputError(`${option} ${text}: ${why}`, [{ severity: 'error', code: 'bad-option', field: option, message: why }]);
}

/**
 * Checks a share the run is to reach: `name` is exactly `\\server\share` with names Windows allows, and `folder`
 * exists and is a folder (made absolute). `option` and `text` name what was given in an error.
 * @throws InvalidInputError naming `option`
 */
export function connectShare(name: string, folder: string, option: string, text: string): ConnectedShare {
  if (!/^[\\/]{2}/.test(name)) refuse(option, text, 'expected \\\\server\\share=DIR');
  const where = parseWindowsPath(name.replace(/\//g, '\\'), option);
  if (where.kind !== 'share' || where.segments.length > 0) refuse(option, text, 'expected a share as \\\\server\\share (no folder below it), then =DIR');
  if (folder === '') refuse(option, text, 'expected the host folder the share is mounted at after =');
  const absolute = resolve(folder);
  const stat = statSync(absolute, { throwIfNoEntry: false });
  if (!stat) refuse(option, text, `the folder ${absolute} does not exist (mount the share there first)`);
  if (!stat.isDirectory()) refuse(option, text, `${absolute} is not a folder`);
  return { name: `\\\\${where.server}\\${where.share}`, folder: absolute };
}

/** The connected shares' names (`\\server\share`), in the order given. */
export function shareNames(shares: readonly ConnectedShare[]): string[] {
  return shares.map((s) => s.name);
}

/** The connected share named `name` (any case), or undefined. */
export function findShare(shares: readonly ConnectedShare[], name: string): ConnectedShare | undefined {
  return shares.find((s) => sameShare(s.name, name));
}

/**
 * Where a path on a share lies on this host; undefined when `path` does not start with `\\`.
 * @throws InvalidInputError naming `field` for a name the confinement rule refuses (`..`, `.`, reserved characters);
 *   TaskseqError('unsupported') for a share the run has not connected
 */
export function sharePlace(shares: readonly ConnectedShare[], path: string, field: string): SharePlace | undefined {
  if (!/^[\\/]{2}/.test(path.trim())) return undefined;
  const where = parseWindowsPath(path.replace(/\//g, '\\'), field);
  if (where.kind !== 'share') return undefined;
  const name = `\\\\${where.server}\\${where.share}`;
  const share = findShare(shares, name);
  if (!share) {
    const connected = shares.length ? `connected: ${shareNames(shares).join(', ')}` : 'no share is connected';
    throw new TaskseqError('unsupported', `${path}: the network share ${name} is not connected to this run (${connected}); connect it with --share '${name}=DIR'`);
  }
  return { share, root: share.folder, segments: where.segments };
}
