/**
 * Typed attributes: booleans accept any case of true/false, integers are decimal 0..2^31-1. A value that does not
 * parse is reported and kept verbatim in `attributes`, so converting the file never loses it.
 */
import type { Attributes } from './model.ts';
import type { ReadContext } from './read-context.ts';
import type { XmlElement } from './xml-tree.ts';

export type AttributeKind = 'string' | 'boolean' | 'integer';

/** Largest integer attribute accepted (a signed 32-bit maximum, as WMI `sint32`/`uint32` fields fit in it). */
export const MAX_INTEGER_ATTRIBUTE = 2147483647;

export interface TypedAttributes {
  /** Parsed values of the attributes named in the spec, in the spec's order. */
  values: Record<string, string | boolean | number>;
  /** Everything else (and typed attributes that did not parse), in document order; undefined when empty. */
  rest?: Attributes;
}

/** Splits an element's attributes into typed values and the verbatim rest. Problems go to `ctx`. */
export function readTypedAttributes(
  el: XmlElement,
  spec: Record<string, AttributeKind>,
  ctx: ReadContext,
  path?: string,
): TypedAttributes {
  const values: Record<string, string | boolean | number> = {};
  for (const [name, kind] of Object.entries(spec)) {
    const raw = el.attributes[name];
    if (raw === undefined) continue;
    const parsed = parseTypedValue(raw, kind);
    if (parsed !== undefined) values[name] = parsed;
    else reportBadValue(el, name, raw, kind, ctx, path);
  }
  let rest: Attributes | undefined;
  for (const [name, raw] of Object.entries(el.attributes)) {
    if (name in values) continue;
    (rest ??= {})[name] = raw;
  }
  return rest ? { values, rest } : { values };
}

/** Parses one attribute value; undefined when it is not valid for `kind`. */
export function parseTypedValue(raw: string, kind: AttributeKind): string | boolean | number | undefined {
  if (kind === 'string') return raw;
  if (kind === 'boolean') return parseBooleanText(raw);
  return parseCount(raw);
}

/** `true`/`false` in any case; undefined otherwise. */
export function parseBooleanText(raw: string): boolean | undefined {
  const lower = raw.toLowerCase();
  return lower === 'true' ? true : lower === 'false' ? false : undefined;
}

function parseCount(raw: string): number | undefined {
  if (!/^[0-9]{1,10}$/.test(raw)) return undefined;
  const n = Number(raw);
  return n <= MAX_INTEGER_ATTRIBUTE ? n : undefined;
}

function reportBadValue(el: XmlElement, name: string, raw: string, kind: AttributeKind, ctx: ReadContext, path?: string): void {
  const expected = kind === 'boolean' ? 'true or false' : `a whole number from 0 to ${MAX_INTEGER_ATTRIBUTE}`;
  ctx.report(el, {
    code: kind === 'boolean' ? 'invalid-boolean' : 'invalid-integer',
    message: `<${el.name}> attribute ${name}="${raw}" must be ${expected}; the text is kept as-is`,
    path,
    field: name,
  });
}
