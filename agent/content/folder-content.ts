/** Content from a folder with one subfolder per package id (the stand-alone media layout). */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { TaskseqError, type ContentPort } from '../../engine/index.ts';

/** Package folders of `dir` by upper-case id. Missing `dir` = none. */
export function scanPackageFolders(dir: string | undefined): Map<string, string> {
  const byId = new Map<string, string>();
  if (dir && existsSync(dir)) {
    for (const name of readdirSync(dir)) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) byId.set(name.toUpperCase(), full);
    }
  }
  return byId;
}

/** A content source over `dir`; package ids match folder names case-insensitively. Missing `dir` = no content. */
export function createFolderContent(dir: string | undefined): ContentPort {
  return createMappedContent(scanPackageFolders(dir));
}

const NO_STAGING: ContentPort['stage'] = async (r) => {
  throw new TaskseqError('unsupported', `package ${r.packageId} cannot be copied to ${r.destination}: this content source does not stage packages`);
};

/** A content port over package folders by upper-case id (the map may change: lookups read it each time). */
export function createMappedContent(byId: ReadonlyMap<string, string>, stage: ContentPort['stage'] = NO_STAGING): ContentPort {
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
    stage,
  };
}
