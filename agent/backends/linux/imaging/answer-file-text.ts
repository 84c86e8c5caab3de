/** Reading and writing an answer file in the encoding it came in (UTF-8, with or without a byte order mark, or UTF-16LE). */
import { readFileSync, writeFileSync } from 'node:fs';

export type AnswerEncoding = 'utf8' | 'utf8-bom' | 'utf16le';

/** The file's text and how it was encoded. */
export function readAnswerText(path: string): { text: string; encoding: AnswerEncoding } {
  const bytes = readFileSync(path);
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: bytes.subarray(2).toString('utf16le'), encoding: 'utf16le' };
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: bytes.subarray(3).toString('utf8'), encoding: 'utf8-bom' };
  return { text: bytes.toString('utf8'), encoding: 'utf8' };
}

/** Writes `text` in `encoding` (plain UTF-8 for a new file). */
export function writeAnswerText(path: string, text: string, encoding: AnswerEncoding = 'utf8'): void {
  const bom = encoding === 'utf16le' ? Buffer.from([0xff, 0xfe]) : encoding === 'utf8-bom' ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0);
  writeFileSync(path, Buffer.concat([bom, Buffer.from(text, encoding === 'utf16le' ? 'utf16le' : 'utf8')]));
}
