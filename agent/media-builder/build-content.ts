/** Finds the files of the packages a media needs and copies them into the parts, hashing them on the way. */
import { createHash } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, readSync, statSync, writeSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { InvalidInputError } from '../../engine/index.ts';
import { CONTENT_FOLDER, type PackageManifest } from '../media/media-format.ts';
import { manifestPathProblem } from '../media/read-media-documents.ts';

/** A content file to copy: package id, `/`-separated path inside the package, where it is now, its size. */
export interface SourceFile {
  id: string;
  path: string;
  from: string;
  size: number;
}

const CHUNK = 1024 * 1024;

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const full = join(dir, entry.name);
    const stat = statSync(full);
    if (stat.isDirectory()) out.push(...walk(full));
    else if (stat.isFile()) out.push(full);
  }
  return out;
}

/**
 * Every file under each package folder (`folders`: package id -> folder), packages in the given order.
 * @throws InvalidInputError naming a file whose name a manifest cannot carry
 */
export function listPackageFiles(folders: ReadonlyArray<{ id: string; folder: string }>): SourceFile[] {
  return folders.flatMap(({ id, folder }) => walk(folder).map((from) => {
    const path = relative(folder, from).split(sep).join('/');
    const bad = manifestPathProblem(path);
    if (bad) throw new InvalidInputError(`${from}: the file name cannot go on media: the path ${bad}`, [{ severity: 'error', code: 'bad-content-file', file: from, message: `the path ${bad}` }]);
    return { id, path, from, size: statSync(from).size };
  }));
}

/** Copies a file and returns its size and SHA-256 as copied (the bytes that are on the media). */
function copyHashing(from: string, to: string): { size: number; sha256: string } {
  mkdirSync(dirname(to), { recursive: true });
  const src = openSync(from, 'r');
  const dst = openSync(to, 'wx');
  const hash = createHash('sha256');
  const buffer = Buffer.allocUnsafe(CHUNK);
  let size = 0;
  try {
    for (let n = readSync(src, buffer); n > 0; n = readSync(src, buffer)) {
      hash.update(buffer.subarray(0, n));
      writeSync(dst, buffer, 0, n);
      size += n;
    }
    fsyncSync(dst);
  } finally {
    closeSync(src);
    closeSync(dst);
  }
  return { size, sha256: hash.digest('hex') };
}

/**
 * Copies each file to `<partDir(part)>/content/<ID>/<path>` and returns the manifests (package order kept).
 * @param parts the part number of each file (same order as `files`)
 */
export function copyContent(files: readonly SourceFile[], parts: readonly number[], partDir: (part: number) => string, multiPart: boolean): PackageManifest[] {
  const manifests = new Map<string, PackageManifest>();
  files.forEach((f, i) => {
    const copied = copyHashing(f.from, join(partDir(parts[i]), CONTENT_FOLDER, f.id, ...f.path.split('/')));
    const manifest = manifests.get(f.id) ?? { id: f.id, files: [] };
    manifest.files.push({ path: f.path, size: copied.size, sha256: copied.sha256, ...(multiPart ? { part: parts[i] } : {}) });
    manifests.set(f.id, manifest);
  });
  return [...manifests.values()];
}
