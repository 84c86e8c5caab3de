/** ajv errors -> Problems whose `path` is the step path (names) and `field` the property inside that node. */
import type { ErrorObject } from 'ajv';
import type { Problem } from '../problems.ts';
import { createProblem } from './create-problem.ts';
import { stepPath } from './step-path.ts';

const NODE_KINDS = new Set(['group', 'step', 'subtasksequence']);

/** Turns schema errors into readable problems (one per distinct finding, code `schema`). */
export function describeSchemaErrors(errors: readonly ErrorObject[], data: unknown, file?: string): Problem[] {
  const problems: Problem[] = [];
  const seen = new Set<string>();
  for (const err of errors) {
    if (err.keyword === 'if') continue; // the failing `then` branch is reported on its own
    const { path, field } = locate(err.instancePath, data);
    const message = describe(err);
    const key = `${path}|${field}|${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push(createProblem({ severity: 'error', code: 'schema', message, file, path, field: field || undefined }));
  }
  return problems;
}

function describe(err: ErrorObject): string {
  const p = err.params as Record<string, unknown>;
  switch (err.keyword) {
    case 'required': return `missing required property "${String(p.missingProperty)}"`;
    case 'additionalProperties': return `unknown property "${String(p.additionalProperty)}"`;
    case 'type': return `must be ${String(p.type)}`;
    case 'enum': return `must be one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'const': return `must be ${JSON.stringify(p.allowedValue)}`;
    default: return err.message ?? `fails ${err.keyword}`;
  }
}

/** Splits a JSON pointer into the step path of the deepest node on it and the rest as a field path. */
function locate(pointer: string, data: unknown): { path?: string; field: string } {
  const segments = pointer === '' ? [] : pointer.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  const names: string[] = [];
  let field: string[] = [];
  let value: unknown = data;
  let parentKey = '';
  for (const segment of segments) {
    value = isObject(value) || Array.isArray(value) ? (value as Record<string, unknown>)[segment] : undefined;
    const isNode = parentKey === 'children' && isObject(value) && NODE_KINDS.has(String(value.kind));
    if (isNode) {
      names.push(typeof value === 'object' && value && typeof (value as { name?: unknown }).name === 'string' ? (value as { name: string }).name : `#${segment}`);
      field = [];
    } else {
      field.push(/^\d+$/.test(segment) ? `[${segment}]` : segment);
    }
    parentKey = segment;
  }
  const fieldText = field.join('.').replace(/\.\[/g, '[');
  return names.length > 0 ? { path: stepPath(names.slice(0, -1), names[names.length - 1]), field: fieldText } : { field: fieldText };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
