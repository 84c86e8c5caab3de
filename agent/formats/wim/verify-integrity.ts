/**
 * Checks a WIM against its integrity table: a SHA-1 digest per chunk (usually 10 MiB) of the bytes from the end of
 * the header to the end of the lookup table. Reads all of those bytes.
 */
import { createHash } from 'node:crypto';
import { createFileReader, type ByteSource } from './file-reader.ts';
import { isAbsent, WIM_HEADER_SIZE, type WimHeader } from './wim-header.ts';
import { readWimHeader } from './read-wim.ts';

const TABLE_HEADER_SIZE = 12;
const DIGEST_SIZE = 20;

/** Outcome of an integrity check. */
export interface IntegrityResult {
  /** False when the file has no integrity table (then `ok` is true: nothing was found wrong). */
  checked: boolean;
  ok: boolean;
  /** 0-based number of the first chunk whose digest differs (absent when the table itself is inconsistent). */
  badChunk?: number;
}

/**
 * Verifies one file (for a split set, call it for each of `WimFacts.parts`).
 * @throws InvalidInputError naming the file for a missing file, a non-WIM or a truncated file.
 */
export function verifyIntegrity(path: string): IntegrityResult {
  const source = createFileReader(path);
  try {
    const header = readWimHeader(source);
    if (isAbsent(header.integrityTable)) return { checked: false, ok: true };
    return checkChunks(source, header);
  } finally {
    source.close();
  }
}

interface IntegrityTable {
  chunkSize: number;
  digests: Buffer[];
}

function checkChunks(source: ByteSource, header: WimHeader): IntegrityResult {
  const table = readTable(source, header);
  const end = header.lookupTable.offset + header.lookupTable.storedSize;
  const length = Math.max(0, end - WIM_HEADER_SIZE);
  if (!table || table.digests.length !== Math.ceil(length / table.chunkSize)) return { checked: true, ok: false };
  for (const [chunk, expected] of table.digests.entries()) {
    const offset = WIM_HEADER_SIZE + chunk * table.chunkSize;
    const data = source.read(offset, Math.min(table.chunkSize, end - offset));
    if (!createHash('sha1').update(data).digest().equals(expected)) return { checked: true, ok: false, badChunk: chunk };
  }
  return { checked: true, ok: true };
}

/** The table, or undefined when its own sizes do not add up (a damaged table). */
function readTable(source: ByteSource, header: WimHeader): IntegrityTable | undefined {
  const resource = header.integrityTable;
  if (resource.storedSize < TABLE_HEADER_SIZE) return undefined;
  const bytes = source.read(resource.offset, resource.storedSize);
  const size = bytes.readUInt32LE(0);
  const count = bytes.readUInt32LE(4);
  const chunkSize = bytes.readUInt32LE(8);
  if (chunkSize === 0 || size !== TABLE_HEADER_SIZE + count * DIGEST_SIZE || size > bytes.length) return undefined;
  const digests = Array.from({ length: count }, (_, i) => {
    const at = TABLE_HEADER_SIZE + i * DIGEST_SIZE;
    return bytes.subarray(at, at + DIGEST_SIZE);
  });
  return { chunkSize, digests };
}
