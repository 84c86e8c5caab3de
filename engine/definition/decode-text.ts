/**
 * Bytes -> text for sequence files. The byte order mark and the NUL-byte pattern decide first, because they are
 * facts about the bytes; the XML declaration's `encoding` is honoured only for 8-bit input, and a declaration that
 * contradicts the bytes is reported (the bytes win).
 */
import { InvalidInputError, type Problem } from '../problems.ts';
import { createProblem } from './create-problem.ts';

/** Largest input accepted, in bytes (32 MiB). Larger inputs are refused before any parsing. */
export const MAX_INPUT_BYTES = 32 * 1024 * 1024;

/** Encodings the loader can decode. */
export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'us-ascii' | 'windows-1252';

export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
  /** Non-fatal findings, e.g. a declaration that names another encoding than the bytes use. */
  problems: Problem[];
}

const DECLARED_ALIASES: Record<string, TextEncodingName | 'utf-16'> = {
  'utf-8': 'utf-8', utf8: 'utf-8',
  'utf-16': 'utf-16', utf16: 'utf-16', 'utf-16le': 'utf-16le', 'utf-16be': 'utf-16be', 'unicode': 'utf-16',
  'us-ascii': 'us-ascii', ascii: 'us-ascii',
  'iso-8859-1': 'windows-1252', 'iso8859-1': 'windows-1252', latin1: 'windows-1252', 'latin-1': 'windows-1252',
  'windows-1252': 'windows-1252', cp1252: 'windows-1252',
};

/**
 * Decodes a sequence file's bytes.
 * @throws InvalidInputError (with one problem) when the input is too large, names an encoding this loader cannot
 *   decode, or is not valid in its encoding (the message names the line).
 */
export function decodeText(bytes: Uint8Array, file?: string): DecodedText {
  if (bytes.length > MAX_INPUT_BYTES) {
    fail(file, 'input-too-large', `the input is ${bytes.length} bytes; the limit is ${MAX_INPUT_BYTES} bytes (32 MiB)`);
  }
  const fromBytes = detectFromBytes(bytes);
  if (fromBytes) return decodeAs(bytes, fromBytes.encoding, fromBytes.skip, file, fromBytes.reason);
  return decodeEightBit(bytes, file);
}

interface ByteEvidence {
  encoding: TextEncodingName;
  skip: number;
  reason: string;
}

function detectFromBytes(b: Uint8Array): ByteEvidence | undefined {
  if (b.length >= 4 && b[0] === 0xff && b[1] === 0xfe && b[2] === 0 && b[3] === 0) {
    return undefined; // UTF-32 LE: falls through to the 8-bit path, which reports the NULs as invalid
  }
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return { encoding: 'utf-8', skip: 3, reason: 'a UTF-8 byte order mark' };
  if (b[0] === 0xff && b[1] === 0xfe) return { encoding: 'utf-16le', skip: 2, reason: 'a UTF-16 LE byte order mark' };
  if (b[0] === 0xfe && b[1] === 0xff) return { encoding: 'utf-16be', skip: 2, reason: 'a UTF-16 BE byte order mark' };
  const pattern = nulPattern(b);
  if (pattern) return { encoding: pattern, skip: 0, reason: 'NUL bytes in a UTF-16 pattern' };
  return undefined;
}

/** UTF-16 without a BOM: ASCII markup has a NUL in every other byte. Looks at the first 64 bytes. */
function nulPattern(b: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const n = Math.min(b.length, 64) & ~1;
  if (n < 2) return undefined;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (b[i] === 0) evenNul++;
    if (b[i + 1] === 0) oddNul++;
  }
  const pairs = n / 2;
  if (oddNul >= pairs * 0.75 && evenNul === 0) return 'utf-16le';
  if (evenNul >= pairs * 0.75 && oddNul === 0) return 'utf-16be';
  return undefined;
}

function decodeAs(bytes: Uint8Array, encoding: TextEncodingName, skip: number, file: string | undefined, reason: string): DecodedText {
  const text = strictDecode(bytes.subarray(skip), encoding, file);
  const problems: Problem[] = [];
  const declared = declaredEncoding(text);
  if (declared !== undefined && !declarationFits(declared, encoding)) {
    problems.push(createProblem({
      severity: 'error', code: 'encoding-mismatch', file, line: 1,
      message: `the XML declaration says encoding="${declared}" but the file starts with ${reason}; it was read as ${encoding.toUpperCase()}`,
    }));
  }
  return { text, encoding, problems };
}

function declarationFits(declared: string, actual: TextEncodingName): boolean {
  const alias = DECLARED_ALIASES[declared.toLowerCase()];
  if (alias === 'utf-16') return actual === 'utf-16le' || actual === 'utf-16be';
  return alias === actual;
}

function decodeEightBit(bytes: Uint8Array, file: string | undefined): DecodedText {
  const declared = declaredEncoding(asciiPrefix(bytes));
  if (declared === undefined) return { text: strictDecode(bytes, 'utf-8', file), encoding: 'utf-8', problems: [] };
  const alias = DECLARED_ALIASES[declared.toLowerCase()];
  if (alias === undefined) {
    fail(file, 'unsupported-encoding', `the XML declaration names encoding "${declared}", which is not supported (use UTF-8, UTF-16, US-ASCII or ISO-8859-1/Windows-1252)`, 1);
  }
  if (alias === 'utf-16' || alias === 'utf-16le' || alias === 'utf-16be') {
    const text = strictDecode(bytes, 'utf-8', file);
    const problem = createProblem({
      severity: 'error', code: 'encoding-mismatch', file, line: 1,
      message: `the XML declaration says encoding="${declared}" but the bytes are not UTF-16 (no byte order mark, no NUL bytes); it was read as UTF-8`,
    });
    return { text, encoding: 'utf-8', problems: [problem] };
  }
  return { text: strictDecode(bytes, alias, file), encoding: alias, problems: [] };
}

/** The first bytes as Latin-1 text: enough to read an XML declaration of any ASCII-compatible encoding. */
function asciiPrefix(bytes: Uint8Array): string {
  return new TextDecoder('latin1').decode(bytes.subarray(0, 1024));
}

/** The declaration may follow comments (a defect reported by the XML layer), so it is searched near the start. */
const DECLARATION = /^(?:[ \t\r\n]|<!--[\s\S]*?-->)*<\?xml[ \t\r\n][^?]*?\bencoding[ \t\r\n]*=[ \t\r\n]*(["'])([^"']*)\1/;

/** The `encoding` named by the XML declaration, if any. */
export function declaredEncoding(text: string): string | undefined {
  const m = DECLARATION.exec(text.length > 4096 ? text.slice(0, 4096) : text);
  return m ? m[2] : undefined;
}

function strictDecode(bytes: Uint8Array, encoding: TextEncodingName, file: string | undefined): string {
  if (encoding === 'us-ascii') return decodeAscii(bytes, file);
  if ((encoding === 'utf-16le' || encoding === 'utf-16be') && bytes.length % 2 !== 0) {
    fail(file, 'invalid-encoding', `the input is not valid ${encoding.toUpperCase()}: it has an odd number of bytes`);
  }
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    const line = encoding === 'utf-8' ? lineOfByte(bytes, firstInvalidUtf8(bytes)) : lineOfReplacement(bytes, encoding);
    fail(file, 'invalid-encoding', `the input is not valid ${encoding.toUpperCase()}${line ? ` (first bad byte on line ${line})` : ''}`, line);
  }
}

function decodeAscii(bytes: Uint8Array, file: string | undefined): string {
  const bad = bytes.findIndex((b) => b > 0x7f);
  if (bad >= 0) {
    const line = lineOfByte(bytes, bad);
    fail(file, 'invalid-encoding', `the XML declaration says US-ASCII but line ${line} has a byte above 0x7F`, line);
  }
  return new TextDecoder('latin1').decode(bytes);
}

/** Offset of the first byte that breaks UTF-8 (an approximation good enough to name the line). */
function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i];
    const len = c < 0x80 ? 1 : c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
    if (len === 0 || i + len > b.length) return i;
    for (let k = 1; k < len; k++) if ((b[i + k] & 0xc0) !== 0x80) return i;
    i += len;
  }
  return b.length;
}

function lineOfByte(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < bytes.length; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

function lineOfReplacement(bytes: Uint8Array, encoding: TextEncodingName): number | undefined {
  const text = new TextDecoder(encoding, { ignoreBOM: true }).decode(bytes);
  const at = text.indexOf('\uFFFD');
  if (at < 0) return undefined;
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < at; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

function fail(file: string | undefined, code: string, message: string, line?: number): never {
  const problem = createProblem({ severity: 'error', code, message, file, line });
  throw new InvalidInputError(`${file ?? 'input'}: ${message}`, [problem]);
}
