/** Escaping for the XML writer. CR, LF and TAB in attributes become character references so they survive a re-read. */
import { InvalidInputError } from '../problems.ts';

// Characters XML 1.0 cannot carry at all, not even as a character reference; and unpaired surrogates.
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const TEXT_SPECIAL = /[&<>\r]/g;
const ATTRIBUTE_SPECIAL = /[&<>"\r\n\t]/g;
const ENTITIES: Record<string, string> = {
  '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\r': '&#xD;', '\n': '&#xA;', '\t': '&#x9;',
};

/**
 * Escapes element text. `>` is always escaped, so the output never contains `]]>`.
 * @throws InvalidInputError when the text holds a character XML 1.0 cannot represent; `where` names the field.
 */
export function renderXmlText(text: string, where: string): string {
  checkRepresentable(text, where);
  return text.replace(TEXT_SPECIAL, (c) => ENTITIES[c]);
}

/**
 * Escapes an attribute value (without the quotes).
 * @throws InvalidInputError when the value holds a character XML 1.0 cannot represent; `where` names the field.
 */
export function renderXmlAttribute(value: string, where: string): string {
  checkRepresentable(value, where);
  return value.replace(ATTRIBUTE_SPECIAL, (c) => ENTITIES[c]);
}

/** Wraps text in CDATA, splitting any `]]>` so that it survives. */
export function renderCdata(text: string): string {
  return `<![CDATA[${text.split(']]>').join(']]]]><![CDATA[>')}]]>`;
}

function checkRepresentable(text: string, where: string): void {
  const m = FORBIDDEN.exec(text);
  if (!m) return;
  const code = m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
  throw new InvalidInputError(`${where}: contains character U+${code}, which XML 1.0 cannot represent`);
}
