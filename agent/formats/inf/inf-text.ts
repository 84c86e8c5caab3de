/**
 * The INF file syntax, as far as matching needs it: decoding (UTF-16 with or without a byte order mark, UTF-8,
 * ANSI), sections, `key = value, value` entries with quoted values, `;` comments, `\` line continuations and
 * `%token%` substitution from `[Strings]`.
 */

/** One entry of a section: `key = v1, v2` (key undefined for a line without `=`). */
export interface InfEntry {
  key?: string;
  values: string[];
  /** 1-based line where the entry starts. */
  line: number;
}

export interface InfSection {
  name: string;
  line: number;
  entries: InfEntry[];
}

/** A syntax problem (the INF is unusable). */
export class InfSyntaxError extends Error {
  constructor(readonly line: number, message: string) {
    super(message);
  }
}

/**
 * Text of an INF file: UTF-16 LE/BE by byte order mark (or LE without one when the second byte is zero, as some
 * tools write), UTF-8 with or without a mark, otherwise Latin-1 (ANSI INFs).
 */
export function decodeInf(bytes: Uint8Array): string {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (b[0] === 0xff && b[1] === 0xfe) return b.subarray(2).toString('utf16le');
  if (b[0] === 0xfe && b[1] === 0xff) return Buffer.from(b.subarray(2)).swap16().toString('utf16le');
  if (b.length >= 2 && b[1] === 0 && b[0] !== 0) return b.toString('utf16le');
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return b.subarray(3).toString('utf8');
  const utf8 = b.toString('utf8');
  return utf8.includes('\uFFFD') ? b.toString('latin1') : utf8;
}

interface Field {
  text: string;
  /** Length of the text up to the end of its last quoted part: trailing blanks after it are kept. */
  keep: number;
}

/** Splits one logical line into key and values; quotes keep `;`, `,`, `=` and blanks; `""` is a quote. */
function splitLine(text: string, line: number): { key?: string; values: string[] } {
  const fields: Field[] = [];
  let field: Field = { text: '', keep: 0 };
  let key: string | undefined;
  let quoted = false;
  const close = () => {
    fields.push({ text: field.text.slice(0, Math.max(field.keep, field.text.trimEnd().length)), keep: 0 });
    field = { text: '', keep: 0 };
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field.text += '"'; i++; } else if (c === '"') quoted = false;
      else field.text += c;
      if (!quoted) field.keep = field.text.length;
      continue;
    }
    if (c === '"') quoted = true;
    else if (c === ';') break;
    else if (c === '=' && key === undefined && fields.length === 0) { close(); key = fields.pop()!.text; }
    else if (c === ',') close();
    else if (!(field.text === '' && /\s/.test(c))) field.text += c;
  }
  if (quoted) throw new InfSyntaxError(line, 'unterminated quoted string');
  close();
  const values = fields.length === 1 && fields[0].text === '' ? [] : fields.map((f) => f.text);
  return key === undefined ? { values } : { key, values };
}

/** Physical lines joined where a line ends with `\` (outside a comment), with the start line of each. */
function logicalLines(text: string): Array<{ text: string; line: number }> {
  const out: Array<{ text: string; line: number }> = [];
  const physical = text.split(/\r\n|\r|\n/);
  let pending: { text: string; line: number } | undefined;
  physical.forEach((raw, i) => {
    const code = stripComment(raw).trimEnd();
    const continued = code.endsWith('\\');
    const piece = continued ? code.slice(0, -1) : code;
    pending = pending ? { text: pending.text + piece, line: pending.line } : { text: piece, line: i + 1 };
    if (!continued) { out.push(pending); pending = undefined; }
  });
  if (pending) out.push(pending);
  return out;
}

/** The part of a line before a `;` that is outside quotes. */
function stripComment(raw: string): string {
  let quoted = false;
  for (let i = 0; i < raw.length; i++) {
    if (raw[i] === '"') quoted = !quoted;
    else if (raw[i] === ';' && !quoted) return raw.slice(0, i);
  }
  return raw;
}

/**
 * Sections of an INF by lower-case name (sections of the same name are merged, as Windows does).
 * @throws InfSyntaxError for an unclosed section header, an entry before any section or an unterminated quote
 */
export function parseInfSections(text: string): Map<string, InfSection> {
  const sections = new Map<string, InfSection>();
  let current: InfSection | undefined;
  for (const { text: lineText, line } of logicalLines(text.replace(/^\uFEFF/, ''))) {
    const t = lineText.trim();
    if (t === '') continue;
    if (t.startsWith('[')) {
      const m = /^\[([^\]]+)\]$/.exec(t);
      if (!m) throw new InfSyntaxError(line, `section header '${t}' is not closed with ']'`);
      const name = m[1].trim();
      current = sections.get(name.toLowerCase()) ?? { name, line, entries: [] };
      sections.set(name.toLowerCase(), current);
      continue;
    }
    if (!current) throw new InfSyntaxError(line, 'entry outside any section');
    current.entries.push({ ...splitLine(t, line), line });
  }
  return sections;
}

/** The `[Strings]` table (lower-case keys); the undecorated section wins over localized `[Strings.xxxx]` ones. */
export function stringTable(sections: Map<string, InfSection>): Map<string, string> {
  const table = new Map<string, string>();
  const ordered = [...sections.values()].filter((s) => /^strings(\..+)?$/i.test(s.name))
    .sort((a, b) => (a.name.toLowerCase() === 'strings' ? 1 : 0) - (b.name.toLowerCase() === 'strings' ? 1 : 0));
  for (const s of ordered) {
    for (const e of s.entries) if (e.key !== undefined) table.set(e.key.toLowerCase(), e.values.join(','));
  }
  return table;
}

/** Replaces `%token%` by its string (`%%` is a percent sign); unknown tokens stay as written. */
export function substitute(value: string, strings: Map<string, string>): string {
  return value.replace(/%([^%]*)%/g, (whole, name: string) => (name === '' ? '%' : strings.get(name.toLowerCase()) ?? whole));
}
