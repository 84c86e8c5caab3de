/**
 * The task sequence cache on the agent's side: one verified folder per package id (`<dir>/<ID>/...`) plus an index of
 * sizes and last use, so the cache can be kept under a size limit by evicting what the current run does not need.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageKey } from './package-manifest.ts';

const INDEX = 'taskseq-cache.json';

interface CacheEntry {
  bytes: number;
  /** ISO-8601. */
  lastUsed: string;
}

interface CacheIndex {
  format: 'taskseq-cache';
  version: 1;
  packages: Record<string, CacheEntry>;
}

export interface PackageCache {
  readonly dir: string;
  /** The folder that holds (or will hold) a package. */
  folderOf(id: string): string;
  /** Records a verified package and when it was used. */
  touch(id: string, bytes: number): void;
  remove(id: string): void;
  /** Ids in the index whose folders exist. */
  ids(): string[];
  /** Bytes of the packages in the index. */
  bytes(): number;
  /**
   * Removes least recently used packages not in `keep` until the cache holds at most `maxBytes`; returns their ids.
   * Packages in `keep` are never removed, even when they alone exceed the limit.
   */
  evict(keep: ReadonlySet<string>, maxBytes: number): string[];
}

export function createPackageCache(dir: string, now: () => Date = () => new Date()): PackageCache {
  mkdirSync(dir, { recursive: true });
  const indexFile = join(dir, INDEX);
  const read = (): CacheIndex => {
    try {
      const parsed = JSON.parse(readFileSync(indexFile, 'utf8')) as CacheIndex;
      if (parsed.format === 'taskseq-cache' && parsed.packages) return parsed;
    } catch { /* a missing or torn index only costs a re-verification */ }
    return { format: 'taskseq-cache', version: 1, packages: {} };
  };
  const write = (index: CacheIndex): void => {
    writeFileSync(`${indexFile}.tmp`, JSON.stringify(index, null, 2) + '\n');
    renameSync(`${indexFile}.tmp`, indexFile);
  };
  const folderOf = (id: string): string => join(dir, packageKey(id));
  const live = (index: CacheIndex): Array<[string, CacheEntry]> =>
    Object.entries(index.packages).filter(([id]) => existsSync(folderOf(id)));
  const remove = (id: string): void => {
    rmSync(folderOf(id), { recursive: true, force: true });
    const index = read();
    delete index.packages[packageKey(id)];
    write(index);
  };
  return {
    dir,
    folderOf,
    touch(id, bytes) {
      const index = read();
      index.packages[packageKey(id)] = { bytes, lastUsed: now().toISOString() };
      write(index);
    },
    remove,
    ids: () => live(read()).map(([id]) => id).sort(),
    bytes: () => live(read()).reduce((n, [, e]) => n + e.bytes, 0),
    evict(keep, maxBytes) {
      const entries = live(read()).sort((a, b) => a[1].lastUsed.localeCompare(b[1].lastUsed));
      let total = entries.reduce((n, [, e]) => n + e.bytes, 0);
      const evicted: string[] = [];
      for (const [id, entry] of entries) {
        if (total <= maxBytes) break;
        if (keep.has(id)) continue;
        remove(id);
        total -= entry.bytes;
        evicted.push(id);
      }
      return evicted;
    },
  };
}
