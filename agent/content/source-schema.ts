/** JSON Schema of `taskseq-source.json` (compiled on first use: only runs from a deployment source pay for it). */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import type { Problem } from '../../engine/index.ts';
import type { PackageManifest } from './package-manifest.ts';

export interface SourceDocument {
  format: 'taskseq-source';
  version: 1;
  sequence: { file: string; sha256: string };
  variables?: Array<{ name: string; value: string; secret?: boolean }>;
  packages: PackageManifest[];
}

const SHA256 = { type: 'string', pattern: '^[0-9a-f]{64}$' };

/** One package manifest (shared with media policies). */
export const packageManifestSchema = {
  type: 'object',
  required: ['id', 'files'],
  additionalProperties: false,
  properties: {
    id: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,64}$' },
    files: {
      type: 'array',
      items: {
        type: 'object',
        required: ['path', 'size', 'sha256'],
        additionalProperties: false,
        properties: {
          path: { type: 'string', minLength: 1 },
          size: { type: 'integer', minimum: 0 },
          sha256: SHA256,
          part: { type: 'integer', minimum: 1 },
        },
      },
    },
  },
} as const;

export const sourceDocumentSchema = {
  type: 'object',
  required: ['format', 'version', 'sequence', 'packages'],
  additionalProperties: false,
  properties: {
    format: { const: 'taskseq-source' },
    version: { const: 1 },
    sequence: {
      type: 'object', required: ['file', 'sha256'], additionalProperties: false,
      properties: { file: { type: 'string', minLength: 1 }, sha256: SHA256 },
    },
    variables: {
      type: 'array',
      items: {
        type: 'object', required: ['name', 'value'], additionalProperties: false,
        properties: { name: { type: 'string', minLength: 1 }, value: { type: 'string' }, secret: { type: 'boolean' } },
      },
    },
    packages: { type: 'array', items: packageManifestSchema },
  },
} as const;

let validator: ValidateFunction | undefined;

function describe(e: ErrorObject): { field: string; message: string } {
  if (e.keyword === 'required') return { field: `${e.instancePath}/${e.params.missingProperty}`, message: 'is required' };
  if (e.keyword === 'additionalProperties') return { field: `${e.instancePath}/${e.params.additionalProperty}`, message: 'is not a known field' };
  if (e.keyword === 'const') return { field: e.instancePath, message: `must be ${JSON.stringify(e.params.allowedValue)}` };
  if (e.keyword === 'pattern' && e.instancePath.endsWith('/sha256')) return { field: e.instancePath, message: 'must be 64 lowercase hex digits' };
  return { field: e.instancePath || '/', message: e.message ?? 'is not valid' };
}

/** Every schema problem of `data` as a source document (empty = valid); `where` is its URL. */
export function checkSourceDocument(data: unknown, where: string): Problem[] {
  validator ??= new Ajv({ allErrors: true, strictTypes: false }).compile(sourceDocumentSchema);
  if (validator(data)) return [];
  return (validator.errors ?? []).map((e) => ({ severity: 'error' as const, code: 'invalid-source', file: where, ...describe(e) }));
}
