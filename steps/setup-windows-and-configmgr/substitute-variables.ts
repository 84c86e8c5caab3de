/**
 * `%VAR%` substitution in an answer file (pure): in element text and CDATA only, never in tags, attributes or
 * comments, and not in numeric-only fields, which keep their tokens as written. Values are XML-escaped; the rest of
 * the file stays byte for byte.
 */
import type { Expansion } from '../../variables/index.ts';

/**
 * Answer-file settings whose schema type is a number: a token there is left alone (Windows Setup reads the field as
 * a number, so a substituted text could not be a valid value anyway, and the step must not guess).
 */
export const NUMERIC_ONLY_FIELDS: ReadonlySet<string> = new Set([
  'order', 'diskid', 'partitionid', 'size', 'logoncount', 'protectyourpc', 'horizontalresolution',
  'verticalresolution', 'colordepth', 'refreshrate', 'networklocation', 'skipautoactivation',
]);

export interface Substitution {
  text: string;
  /** Names that were replaced, as first written, once each (names compare case-insensitively). */
  replaced: string[];
  /** `%NAME%` tokens left in numeric-only fields, with the field. */
  keptInNumeric: Array<{ field: string; token: string }>;
  /** True when a secret value went into the file. */
  secret: boolean;
}

const TOKENS = /(<!\[CDATA\[[\s\S]*?\]\]>)|(<!--[\s\S]*?-->)|(<[^>]*>)|([^<]+)/g;
const VARIABLE = /%([A-Za-z_][A-Za-z0-9_\-]*)%/g;

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const localName = (tag: string) => (/^<\/?\s*([^\s/>]+)/.exec(tag)?.[1] ?? '').replace(/^.*:/, '').toLowerCase();

/**
 * Replaces `%NAME%` tokens whose variable `lookup` knows; unknown names stay as typed (the engine's expansion rule).
 * `lookup` returns undefined for unknown names.
 */
export function substituteVariables(xml: string, lookup: (name: string) => Expansion | undefined): Substitution {
  const out: Substitution = { text: '', replaced: [], keptInNumeric: [], secret: false };
  const stack: string[] = [];
  const replace = (segment: string, escape: boolean) => segment.replace(VARIABLE, (token, name: string) => {
    const field = stack[stack.length - 1] ?? '';
    const value = lookup(name);
    if (value === undefined) return token;
    if (NUMERIC_ONLY_FIELDS.has(field)) {
      out.keptInNumeric.push({ field, token });
      return token;
    }
    if (!out.replaced.some((r) => r.toLowerCase() === name.toLowerCase())) out.replaced.push(name);
    out.secret ||= value.secret;
    return escape ? escapeText(value.text) : value.text;
  });
  out.text = xml.replace(TOKENS, (whole, cdata?: string, comment?: string, tag?: string, text?: string) => {
    if (comment !== undefined) return whole;
    if (cdata !== undefined) return `<![CDATA[${replace(cdata.slice(9, -3), false)}]]>`;
    if (tag !== undefined) {
      if (/^<\//.test(tag)) stack.pop();
      else if (!/^<[?!]/.test(tag) && !/\/>$/.test(tag)) stack.push(localName(tag));
      return whole;
    }
    return replace(text ?? '', true);
  });
  return out;
}
