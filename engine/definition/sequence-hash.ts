/** A stable fingerprint of a sequence, used to refuse resuming a journal written for another sequence. */
import { createHash } from 'node:crypto';
import type { TaskSequence } from './model.ts';

/**
 * SHA-256 (lowercase hex) of the sequence's canonical JSON: object keys sorted, `loc` and undefined values left out.
 * Equal for models that differ only in source locations or key order.
 */
export function sequenceHash(seq: TaskSequence): string {
  return createHash('sha256').update(renderCanonicalJson(seq)).digest('hex');
}

/** JSON with sorted keys and without `loc` (outside `attributes` records), for hashing and comparing. */
export function renderCanonicalJson(value: unknown): string {
  const parts: string[] = [];
  write(value, parts, false);
  return parts.join('');
}

function write(value: unknown, out: string[], verbatim: boolean): void {
  if (Array.isArray(value)) {
    out.push('[');
    value.forEach((v, i) => {
      if (i > 0) out.push(',');
      write(v, out, false);
    });
    out.push(']');
    return;
  }
  if (value === null || typeof value !== 'object') {
    out.push(JSON.stringify(value) ?? 'null');
    return;
  }
  const entries = Object.entries(value)
    .filter(([k, v]) => v !== undefined && (verbatim || k !== 'loc'))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  out.push('{');
  entries.forEach(([k, v], i) => {
    if (i > 0) out.push(',');
    out.push(JSON.stringify(k), ':');
    write(v, out, k === 'attributes');
  });
  out.push('}');
}
