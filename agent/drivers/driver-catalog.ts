/**
 * Driver catalogs built from folders: a driver package is a folder of INFs and their files, with an optional
 * `categories.txt` (one category name or unique id a line). A catalog folder holds one subfolder per package.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, sep } from 'node:path';
import type { DriverCatalog, DriverInf, InfProblem } from '../../engine/index.ts';
import { decodeInf } from '../formats/inf/inf-text.ts';
import { parseInf } from '../formats/inf/parse-inf.ts';

/** The file of a package that lists its categories. */
export const CATEGORIES_FILE = 'categories.txt';

/** `.inf` files under `folder` (in subfolders too when `recurse`), sorted for a stable catalog order. */
export function findInfFiles(folder: string, recurse: boolean): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const full = join(dir, name);
      const st = statSync(full);
      if (st.isDirectory()) { if (recurse) walk(full); } else if (/\.inf$/i.test(name)) out.push(full);
    }
  };
  walk(folder);
  return out;
}

function readCategories(folder: string): string[] {
  const file = join(folder, CATEGORIES_FILE);
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8').split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'));
}

/** True when `name` exists next to the INF (case-insensitively, as on Windows). */
function hasSibling(infFile: string, name: string): boolean {
  const want = name.toLowerCase();
  return readdirSync(dirname(infFile)).some((n) => n.toLowerCase() === want);
}

/** Parses one INF file of a package; a malformed one comes back as a problem. */
export function readInf(file: string, pkg: { id: string; folder: string; categories: string[] }): { inf?: DriverInf; problem?: InfProblem } {
  const parsed = parseInf(decodeInf(readFileSync(file)), file);
  if (!parsed.inf) return { problem: parsed.problem! };
  const relativePath = relative(pkg.folder, file).split(sep).join('/');
  const signed = parsed.inf.catalogFile !== undefined && hasSibling(file, parsed.inf.catalogFile);
  return {
    inf: {
      ...parsed.inf, id: `${pkg.id}/${relativePath}`, package: pkg.id, path: file, relativePath, signed,
      categories: pkg.categories,
    },
  };
}

/** The drivers of one package folder. */
export function readDriverPackage(id: string, folder: string, recurse: boolean): DriverCatalog {
  const pkg = { id, folder, categories: readCategories(folder) };
  const catalog: DriverCatalog = { infs: [], problems: [] };
  for (const file of findInfFiles(folder, recurse)) {
    const { inf, problem } = readInf(file, pkg);
    if (inf) catalog.infs.push(inf); else catalog.problems.push(problem!);
  }
  return catalog;
}

/** Every package (subfolder) of a catalog folder, INFs found at any depth. Missing folder = empty catalog. */
export function readCatalogFolder(dir: string | undefined): DriverCatalog {
  const catalog: DriverCatalog = { infs: [], problems: [] };
  if (!dir || !existsSync(dir)) return catalog;
  for (const name of readdirSync(dir).sort()) {
    const folder = join(dir, name);
    if (!statSync(folder).isDirectory()) continue;
    const one = readDriverPackage(basename(folder), folder, true);
    catalog.infs.push(...one.infs);
    catalog.problems.push(...one.problems);
  }
  return catalog;
}

/** Joins catalogs (later duplicates of an INF id are dropped). */
export function mergeCatalogs(...catalogs: DriverCatalog[]): DriverCatalog {
  const seen = new Set<string>();
  const out: DriverCatalog = { infs: [], problems: [] };
  for (const c of catalogs) {
    for (const inf of c.infs) if (!seen.has(inf.id.toLowerCase())) { seen.add(inf.id.toLowerCase()); out.infs.push(inf); }
    out.problems.push(...c.problems);
  }
  return out;
}
