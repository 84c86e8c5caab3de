/**
 * The JSON form: `{ "$schema": ..., "package": {...}, "sequence": {...} }`, the model without source locations.
 * Reading validates with the precompiled schema validator (no ajv compile at start-up).
 */
import type { Problem } from '../problems.ts';
import { createProblem } from './create-problem.ts';
import type { SequenceDocument } from './model.ts';
import { describeSchemaErrors } from './schema-errors.ts';
import { SCHEMA_ID } from './schema/sequence-schema.ts';
import validateDocumentShape from './schema/validate-document.generated.js';

export interface JsonReadResult {
  /** Undefined when the text is not JSON or does not match the schema (the problems say why). */
  document?: SequenceDocument;
  problems: Problem[];
}

/** Renders a document in the JSON form (2-space indentation, no `loc`, trailing newline). */
export function toJsonDocument(doc: SequenceDocument): string {
  const out: Record<string, unknown> = { $schema: SCHEMA_ID };
  if (doc.package) out.package = doc.package;
  out.sequence = withoutLocations(doc.sequence);
  return JSON.stringify(out, null, 2) + '\n';
}

/** Deep copy without `loc` keys; `attributes` records are copied as they are (an attribute may be named `loc`). */
export function withoutLocations<T>(value: T): T {
  return strip(value) as T;
}

function strip(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(strip);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (k === 'loc' || v === undefined) continue;
    out[k] = k === 'attributes' ? { ...(v as Record<string, string>) } : strip(v);
  }
  return out;
}

/** Parses and schema-checks the JSON form. Never throws for bad input. */
export function readJsonDocument(text: string, file?: string): JsonReadResult {
  let data: unknown;
  try {
    data = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    return { problems: [jsonSyntaxProblem(text, (e as Error).message, file)] };
  }
  if (!validateDocumentShape(data)) {
    return { problems: describeSchemaErrors(validateDocumentShape.errors ?? [], data, file) };
  }
  const doc = data as SequenceDocument & { $schema?: string };
  const { $schema: _ignored, ...rest } = doc;
  return { document: rest, problems: [] };
}

function jsonSyntaxProblem(text: string, message: string, file?: string): Problem {
  const m = /position (\d+)/.exec(message);
  let line: number | undefined;
  let column: number | undefined;
  if (m) {
    const offset = Number(m[1]);
    const before = text.slice(0, offset);
    line = before.split('\n').length;
    column = offset - before.lastIndexOf('\n');
  }
  // The engine's message may quote the input, which could hold a secret: keep only its description.
  const clean = message.replace(/, ".*" is not valid JSON$/s, '').replace(/ in JSON at position \d+.*$/s, '');
  return createProblem({ severity: 'error', code: 'invalid-json', message: `not valid JSON: ${clean}`, file, line, column });
}
