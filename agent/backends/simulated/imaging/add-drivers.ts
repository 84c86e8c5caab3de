/**
 * The DISM `/Add-Driver` equivalent on a simulated offline Windows: each INF found is checked (parses, has models for
 * the machine's architecture, signed unless forced) and staged with the files next to it into
 * `Windows\System32\DriverStore\FileRepository\<inf>_<arch>_<hash>\`, the folder layout of the real driver store
 * (hash: first 16 hex digits of the INF's SHA-256, so the same INF always lands in the same folder).
 */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import {
  TaskseqError, type AddDriversRequest, type AddDriversResult, type Architecture,
} from '../../../../engine/index.ts';
import { infFilesOf, infRefusal } from '../../../drivers/driver-staging-rules.ts';
import { findFolder, putFolder } from '../../host-files/volume-files.ts';
import { copyFileNoFollow } from '../../host-files/no-follow.ts';
import type { SimulatedImagingDeps } from './imaging-deps.ts';

/** Where staged drivers go, relative to the Windows volume. */
export const DRIVER_STORE = ['Windows', 'System32', 'DriverStore', 'FileRepository'];

const ARCH_TAG: Record<Architecture, string> = { x64: 'amd64', x86: 'x86', arm64: 'arm64' };

/** The store folder name when DISM would accept this INF for the image, else why not. */
function check(file: string, bytes: Buffer, architecture: Architecture, forceUnsigned: boolean): { folder?: string; reason?: string } {
  const reason = infRefusal(file, bytes, architecture, forceUnsigned);
  if (reason) return { reason };
  const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 16);
  return { folder: `${basename(file).toLowerCase()}_${ARCH_TAG[architecture]}_${hash}` };
}

/** Copies the INF's folder files (not subfolders: those belong to other INFs) into the store folder. */
function stage(root: string, file: string, folder: string): void {
  putFolder(root, [...DRIVER_STORE, folder]);
  const target = findFolder(root, [...DRIVER_STORE, folder])!;
  const source = dirname(file);
  for (const name of readdirSync(source)) {
    if (name.toLowerCase() === 'categories.txt') continue;
    const full = join(source, name);
    // The store folder comes from the offline image, which may hold links: write without following them.
    if (statSync(full).isFile()) copyFileNoFollow(root, full, join(target, name), `${[...DRIVER_STORE, folder].join('\\')}\\${name}`);
  }
}

/**
 * Stages drivers into the offline Windows on `request.target`.
 * @throws TaskseqError('unsupported') when the volume does not exist or holds no Windows; InvalidInputError for a
 *   driver path that does not exist
 */
export function addDrivers(deps: SimulatedImagingDeps, request: AddDriversRequest): AddDriversResult {
  const letter = request.target.trim().toUpperCase().replace(/\\$/, '');
  const root = deps.volumeRoot(letter);
  if (root === undefined) throw new TaskseqError('unsupported', `cannot add drivers to ${request.target}: no such volume`);
  if (!findFolder(root, ['Windows', 'System32'])) {
    throw new TaskseqError('unsupported', `cannot add drivers to ${request.target}: it holds no offline Windows (no Windows\\System32)`);
  }
  const files = [...new Set(request.paths.flatMap((p) => infFilesOf(p, request.recurse)))];
  const result: AddDriversResult = { added: [], rejected: [] };
  for (const file of files) {
    const bytes = readFileSync(file);
    const { folder, reason } = check(file, bytes, deps.architecture, request.forceUnsigned);
    if (!folder) { result.rejected.push({ inf: file, reason: reason! }); continue; }
    stage(root, file, folder);
    result.added.push({ inf: file, storeFolder: `${letter}\\${[...DRIVER_STORE, folder].join('\\')}` });
  }
  return result;
}
