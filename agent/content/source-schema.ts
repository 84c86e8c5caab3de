/** Checks `taskseq-source.json` against its schema (precompiled: `npm run build:schemas`). */
import type { ErrorObject } from 'ajv';
import type { Problem } from '../../engine/index.ts';
import type { PackageManifest } from './package-manifest.ts';
import { validateSourceDocument } from './source-document-validator.generated.js';

export interface SourceDocument {
  format: 'taskseq-source';
  version: 1;
  sequence: { file: string; sha256: string };
  variables?: Array<{ name: string; value: string; secret?: boolean }>;
  packages: PackageManifest[];
}

function describe(e: ErrorObject): { field: string; message: string } {
  if (e.keyword === 'required') return { field: `${e.instancePath}/${e.params.missingProperty}`, message: 'is required' };
  if (e.keyword === 'additionalProperties') return { field: `${e.instancePath}/${e.params.additionalProperty}`, message: 'is not a known field' };
  if (e.keyword === 'const') return { field: e.instancePath, message: `must be ${JSON.stringify(e.params.allowedValue)}` };
  if (e.keyword === 'pattern' && e.instancePath.endsWith('/sha256')) return { field: e.instancePath, message: 'must be 64 lowercase hex digits' };
  return { field: e.instancePath || '/', message: e.message ?? 'is not valid' };
}

/** Every schema problem of `data` as a source document (empty = valid); `where` is its URL. */
export function checkSourceDocument(data: unknown, where: string): Problem[] {
  if (validateSourceDocument(data)) return [];
  return (validateSourceDocument.errors ?? []).map((e) => ({ severity: 'error' as const, code: 'invalid-source', file: where, ...describe(e) }));
}
