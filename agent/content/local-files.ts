/** Checking local copies (media folders, the cache) against a manifest, and copying them with the same check. */
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, statSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ManifestFile } from './package-manifest.ts';
import { openPartial, partialWriter } from './file-sink.ts';

export type LocalCheck = 'ok' | 'missing' | 'size' | 'hash';

/** SHA-256 (hex) of a file. */
export async function hashFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(path, { highWaterMark: 1 << 20 }), new Writable({
    write(chunk: Buffer, _e, cb) { hash.update(chunk); cb(); },
  }));
  return hash.digest('hex');
}

/** The host path of a manifest entry inside a package folder (the path was checked to stay inside). */
export function entryPath(folder: string, file: ManifestFile): string {
  return join(folder, ...file.path.split('/'));
}

/** Whether the file at `path` is the manifest's file: present, of its size, of its hash (checked in that order). */
export async function checkLocalFile(path: string, file: ManifestFile): Promise<LocalCheck> {
  if (!existsSync(path) || !statSync(path).isFile()) return 'missing';
  if (statSync(path).size !== file.size) return 'size';
  return (await hashFile(path)) === file.sha256 ? 'ok' : 'hash';
}

/**
 * Copies `from` to `to` through a `.partial` file, hashing the bytes as they are written; the copy is kept only when
 * they match. Returns false (and leaves nothing at `to`) otherwise.
 */
export async function copyVerified(from: string, to: string, file: ManifestFile): Promise<boolean> {
  mkdirSync(dirname(to), { recursive: true });
  await rm(`${to}.partial`, { force: true });
  const fresh = await openPartial(to, file.size);
  const overflow = (): Error => new Error('larger than the manifest says');
  try {
    await pipeline(createReadStream(from, { highWaterMark: 1 << 20 }), partialWriter(fresh, { limit: file.size, onBytes: () => {}, onOverflow: overflow }));
    if (fresh.bytes !== file.size || (await fresh.sink.digest()) !== file.sha256) throw new Error('mismatch');
  } catch {
    await rm(fresh.path, { force: true });
    return false;
  } finally {
    await fresh.sink.close();
  }
  await rename(fresh.path, to);
  return true;
}
