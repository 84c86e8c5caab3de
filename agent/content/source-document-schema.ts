/**
 * The JSON Schema of `taskseq-source.json` (docs/content.md). `npm run build:schemas` compiles it into
 * `source-document-validator.generated.js`, so a run from a deployment source never compiles a schema.
 */
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
