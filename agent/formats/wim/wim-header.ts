/**
 * The 208-byte WIM header: magic, flags (compression, spanned), chunk size, GUID, part numbers, image count and the
 * resource headers of the lookup table, XML data, boot metadata and integrity table. All fields are little-endian.
 */
import { InvalidInputError } from '../../../engine/problems.ts';
import type { WimCompression } from '../../../engine/ports/imaging.ts';

/** Size of the on-disk header in bytes. */
export const WIM_HEADER_SIZE = 208;

const MAGIC = 'MSWIM\0\0\0';
/** Pipable WIMs start with this magic and repeat the complete header at the end of the file. */
const PIPABLE_MAGIC = 'WLPWM\0\0\0';

const FLAG_COMPRESSION = 0x2;
const FLAG_SPANNED = 0x8;
const COMPRESSION_BY_FLAG: ReadonlyArray<[number, WimCompression]> = [
  [0x20000, 'xpress'],
  [0x40000, 'lzx'],
  [0x80000, 'lzms'],
  [0x200000, 'xpress'], // the "XPRESS with larger chunks" variant
];

/** Where a resource lies in the file. All zero when the file has none. Sizes in bytes. */
export interface ResourceHeader {
  /** Size as stored in the file (compressed size when compressed). */
  storedSize: number;
  flags: number;
  offset: number;
  originalSize: number;
}

export interface WimHeader {
  pipable: boolean;
  version: number;
  flags: number;
  compression: WimCompression;
  spanned: boolean;
  /** Compression chunk size in bytes. */
  chunkSize: number;
  guid: string;
  partNumber: number;
  totalParts: number;
  imageCount: number;
  lookupTable: ResourceHeader;
  xmlData: ResourceHeader;
  bootMetadata: ResourceHeader;
  bootIndex: number;
  integrityTable: ResourceHeader;
}

/** Which magic `bytes` starts with, if any. */
export function detectWimMagic(bytes: Uint8Array): 'plain' | 'pipable' | undefined {
  const magic = Buffer.from(bytes.subarray(0, 8)).toString('latin1');
  if (magic === MAGIC) return 'plain';
  return magic === PIPABLE_MAGIC ? 'pipable' : undefined;
}

/**
 * Decodes a header. `file` only names the file in errors.
 * @throws InvalidInputError for a missing magic, a short buffer or unknown compression flags.
 */
export function parseWimHeader(bytes: Uint8Array, file: string): WimHeader {
  const kind = detectWimMagic(bytes);
  if (!kind) throw new InvalidInputError(`not a Windows image: ${file} starts with ${describeBytes(bytes)}`);
  if (bytes.length < WIM_HEADER_SIZE) {
    throw new InvalidInputError(`${file}: truncated Windows image: the header needs ${WIM_HEADER_SIZE} bytes, the file has ${bytes.length}`);
  }
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, WIM_HEADER_SIZE);
  const flags = b.readUInt32LE(16);
  return {
    pipable: kind === 'pipable',
    version: b.readUInt32LE(12),
    flags,
    compression: parseCompression(flags, file),
    spanned: (flags & FLAG_SPANNED) !== 0,
    chunkSize: b.readUInt32LE(20),
    guid: formatGuid(b.subarray(24, 40)),
    partNumber: b.readUInt16LE(40),
    totalParts: b.readUInt16LE(42),
    imageCount: b.readUInt32LE(44),
    lookupTable: parseResourceHeader(b, 48),
    xmlData: parseResourceHeader(b, 72),
    bootMetadata: parseResourceHeader(b, 96),
    bootIndex: b.readUInt32LE(120),
    integrityTable: parseResourceHeader(b, 124),
  };
}

/** True when the resource header says the file holds no such resource. */
export function isAbsent(resource: ResourceHeader): boolean {
  return resource.storedSize === 0 && resource.offset === 0;
}

function parseCompression(flags: number, file: string): WimCompression {
  if ((flags & FLAG_COMPRESSION) === 0) return 'none';
  const found = COMPRESSION_BY_FLAG.find(([bit]) => (flags & bit) !== 0);
  if (!found) {
    throw new InvalidInputError(`${file}: unknown compression in the WIM header (flags 0x${flags.toString(16)})`);
  }
  return found[1];
}

function parseResourceHeader(b: Buffer, at: number): ResourceHeader {
  // 7-byte stored size, then one flag byte.
  const storedSize = b.readUIntLE(at, 6) + b[at + 6] * 2 ** 48;
  return {
    storedSize,
    flags: b[at + 7],
    offset: Number(b.readBigUInt64LE(at + 8)),
    originalSize: Number(b.readBigUInt64LE(at + 16)),
  };
}

/** The GUID in the usual `8-4-4-4-12` text form (first three fields little-endian), upper case. */
function formatGuid(bytes: Buffer): string {
  const hex = (from: number, to: number, reverse: boolean): string => {
    const part = Buffer.from(bytes.subarray(from, to));
    return (reverse ? part.reverse() : part).toString('hex');
  };
  return [hex(0, 4, true), hex(4, 6, true), hex(6, 8, true), hex(8, 10, false), hex(10, 16, false)]
    .join('-')
    .toUpperCase();
}

/** The first bytes of a foreign file as text when printable, else hex: enough for a user to recognise it. */
function describeBytes(bytes: Uint8Array): string {
  const head = Buffer.from(bytes.subarray(0, 8));
  if (head.length === 0) return 'nothing (the file is empty)';
  const printable = [...head].every((c) => (c >= 0x20 && c < 0x7f) || c === 0x09 || c === 0x0a || c === 0x0d);
  const hex = [...head].map((c) => c.toString(16).padStart(2, '0')).join(' ');
  return printable ? `${JSON.stringify(head.toString('latin1'))} (${hex})` : hex;
}
