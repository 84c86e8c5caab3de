/** Content from a folder with one subfolder per package id (the stand-alone media layout). */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { ContentPort } from '../../engine/index.ts';

/** A content source over `dir`; package ids match folder names case-insensitively. Missing `dir` = no content. */
export function createFolderContent(dir: string | undefined): ContentPort {
  const byId = new Map<string, string>();
  if (dir && existsSync(dir)) {
    for (const name of readdirSync(dir)) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) byId.set(name.toUpperCase(), full);
    }
  }
  const folderOf = (id: string) => byId.get(id.trim().toUpperCase());
  return {
    resolve: folderOf,
    available: () => [...byId.keys()].sort(),
    files: (id) => {
      const folder = folderOf(id);
      return folder ? readdirSync(folder).filter((n) => statSync(join(folder, n)).isFile()).sort() : [];
    },
    readText: (id, path) => {
      const folder = folderOf(id);
      if (!folder) return undefined;
      const file = join(folder, ...path.split(/[\\/]+/).filter(Boolean));
      // A path that climbs out of the package folder is not the package's file.
      if (relative(folder, file).startsWith('..')) return undefined;
      return existsSync(file) && statSync(file).isFile() ? readFileSync(file, 'utf8') : undefined;
    },
  };
}
