/**
 * Child task sequences for Run Task Sequence, by package id: from a folder of exports (object.xml, zip, ts.xml or
 * JSON, searched a few levels deep as console exports nest them) or from one zip.
 */
import { readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, extname } from 'node:path';
import type { Problem, SequenceDocument } from '../../engine/index.ts';
import { readSequenceFile } from './read-sequence-file.ts';

export type ChildMap = Record<string, { document: SequenceDocument; file: string }>;

const PACKAGE_ID = /^[A-Z0-9]{3}[0-9A-F]{5}$/i;
const MAX_DEPTH = 4;

/** Loads every sequence under `source`; problems of unreadable children are returned, not thrown. */
export function loadChildren(source: string): { children: ChildMap; problems: Problem[] } {
  const children: ChildMap = {};
  const problems: Problem[] = [];
  const files = statSync(source).isDirectory() ? listFiles(source, 0) : [source];
  for (const file of files) {
    const r = readSequenceFile(file);
    if (!r.loaded) {
      problems.push(...r.problems.map((p) => ({ ...p, severity: 'warning' as const, message: `child sequence not usable: ${p.message}` })));
      continue;
    }
    addLoaded(children, r.loaded.document, file);
    for (const [id, doc] of Object.entries(r.loaded.siblings ?? {})) children[id.toUpperCase()] ??= { document: doc, file };
  }
  return { children, problems };
}

/** Adds a document under its package id (from the export, else a file or folder name that looks like one). */
export function addLoaded(children: ChildMap, document: SequenceDocument, file: string): void {
  const stem = basename(file, extname(file));
  const id = document.package?.packageId ?? (PACKAGE_ID.test(stem) ? stem : PACKAGE_ID.test(basename(dirname(file))) ? basename(dirname(file)) : undefined);
  if (id) children[id.toUpperCase()] ??= { document, file };
}

function listFiles(dir: string, depth: number): string[] {
  if (depth > MAX_DEPTH) return [];
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...listFiles(full, depth + 1));
    else if (/\.(xml|zip|json)$/i.test(name)) out.push(full);
  }
  return out;
}
