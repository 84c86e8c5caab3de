/** Building deployment-source folders for transfer tests: package files with their manifest. */
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { PackageManifest } from '../package-manifest.ts';

export const sha256 = (b: Buffer | string): string => createHash('sha256').update(b).digest('hex');

/** Writes `<root>/content/<id>/<path>` for each file and returns the manifest. */
export function writePackage(root: string, id: string, files: Record<string, Buffer | string>): PackageManifest {
  const manifest: PackageManifest = { id, files: [] };
  for (const [path, data] of Object.entries(files)) {
    const full = join(root, 'content', id, ...path.split('/'));
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, data);
    manifest.files.push({ path, size: Buffer.byteLength(data), sha256: sha256(data) });
  }
  return manifest;
}

/** A fresh folder to serve. */
export function sourceRoot(): string {
  return mkdtempSync(join(tmpdir(), 'taskseq-source-'));
}

/** Incompressible bytes (so a flipped byte cannot hide). */
export function randomFile(mib: number): Buffer {
  return randomBytes(mib * 1024 * 1024);
}

/** Writes `sequence.xml` and `taskseq-source.json` into `root` (content written with {@link writePackage}). */
export function writeSourceDocument(root: string, sequenceXml: string, packages: PackageManifest[], variables: Array<{ name: string; value: string; secret?: boolean }> = []): void {
  writeFileSync(join(root, 'sequence.xml'), sequenceXml);
  const doc = { format: 'taskseq-source', version: 1, sequence: { file: 'sequence.xml', sha256: sha256(sequenceXml) }, variables, packages };
  writeFileSync(join(root, 'taskseq-source.json'), JSON.stringify(doc, null, 2));
}
