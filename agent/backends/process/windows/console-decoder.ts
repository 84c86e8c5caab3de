/**
 * Decoding a Windows program's console output. Console programs (diskpart, DISM, reg) write to a pipe in the OEM
 * code page (437 in the US, 850 in much of Europe), not in UTF-8; a few write UTF-16LE (`cmd /u`, some tools' own
 * options) or UTF-8 and then start with a byte order mark, which decides instead.
 */
import iconv from 'iconv-lite';
import { TaskseqError } from '../../../../engine/index.ts';
import type { ChunkDecoder } from '../output-capture.ts';

const UTF16LE_BOM = Buffer.from([0xff, 0xfe]);
const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** The decoder's name for Windows code page `codePage`; 65001 is UTF-8. */
export function encodingOfCodePage(codePage: number): string {
  if (codePage === 65001) return 'utf8';
  if (codePage === 1200) return 'utf16le';
  return `cp${codePage}`;
}

/**
 * Checks that output in `codePage` can be decoded.
 * @throws TaskseqError('unsupported') for a code page no decoder knows
 */
export function requireCodePage(codePage: number): void {
  if (!iconv.encodingExists(encodingOfCodePage(codePage))) {
    throw new TaskseqError('unsupported', `the console code page ${codePage} has no decoder: console output cannot be read`);
  }
}

/**
 * A decoder for one output stream in `codePage`, unless the stream starts with a UTF-16LE or UTF-8 byte order mark
 * (dropped from the text). The first bytes are held until they show whether a mark is there.
 */
export function consoleDecoder(codePage: number): ChunkDecoder {
  requireCodePage(codePage);
  let held = Buffer.alloc(0);
  let decoder: iconv.DecoderStream | undefined;
  const open = (encoding: string, mark: Buffer): string => {
    decoder = iconv.getDecoder(encoding, { stripBOM: false });
    const text = held.length > mark.length ? decoder.write(held.subarray(mark.length)) : '';
    held = Buffer.alloc(0);
    return text;
  };
  const decide = (atEnd: boolean): string => {
    if (startsWith(held, UTF16LE_BOM)) return open('utf16le', UTF16LE_BOM);
    if (startsWith(held, UTF8_BOM)) return open('utf8', UTF8_BOM);
    if (!atEnd && (isPrefixOf(held, UTF16LE_BOM) || isPrefixOf(held, UTF8_BOM))) return '';
    return open(encodingOfCodePage(codePage), Buffer.alloc(0));
  };
  return {
    write(chunk) {
      if (decoder) return decoder.write(chunk);
      held = Buffer.concat([held, chunk]);
      return decide(false);
    },
    end() {
      const text = decoder ? '' : decide(true);
      return text + (decoder!.end() ?? '');
    },
  };
}

function startsWith(bytes: Buffer, prefix: Buffer): boolean {
  return bytes.length >= prefix.length && bytes.subarray(0, prefix.length).equals(prefix);
}

/** True when `bytes` are the start of `mark` but not all of it (more bytes decide). */
function isPrefixOf(bytes: Buffer, mark: Buffer): boolean {
  return bytes.length < mark.length && mark.subarray(0, bytes.length).equals(bytes);
}
