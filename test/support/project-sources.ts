/** Reads the project's source files for the architecture test. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isScannedPath, type SourceFile } from './import-rules.ts';

/** Every scanned source file (see `isScannedPath`) under `folders` of `root`, with project-relative `/` paths. */
export function readProjectSources(root: string, folders: readonly string[]): SourceFile[] {
  const out: SourceFile[] = [];
  for (const folder of folders) {
    const abs = path.join(root, folder);
    if (!fs.existsSync(abs)) continue;
    for (const entry of fs.readdirSync(abs, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile()) continue;
      const rel = path.relative(root, path.join(entry.parentPath ?? entry.path, entry.name)).split(path.sep).join('/');
      if (isScannedPath(rel)) out.push({ path: rel, text: fs.readFileSync(path.join(root, rel), 'utf8') });
    }
  }
  return out;
}
