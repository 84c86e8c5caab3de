/** Content from a folder with one subfolder per package id (the stand-alone media layout). */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
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
  return {
    resolve: (id) => byId.get(id.trim().toUpperCase()),
    available: () => [...byId.keys()].sort(),
  };
}
