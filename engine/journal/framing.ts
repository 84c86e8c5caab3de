/**
 * On-disk framing of the journal: a header line, then length + checksum framed JSON records.
 *
 * Layout (see docs/journal.md):
 * ```
 * "TSQJ1\n"                                   header (ASCII magic + newline)
 * [u32 LE length][u32 LE crc32][JSON payload]  one frame per record, repeated
 * ```
 * Pure: no file access. The agent's journal store writes the bytes durably.
 */
import { crc32 } from 'node:zlib';
import { TaskseqError } from '../problems.ts';

/** Magic at the start of every journal file; the digit is the framing version. */
export const JOURNAL_MAGIC = 'TSQJ1';

const HEADER = new TextEncoder().encode(`${JOURNAL_MAGIC}\n`);
/** Bytes before each frame's payload: u32 length + u32 crc32. */
const FRAME_PREFIX_BYTES = 8;
const MAX_PAYLOAD_BYTES = 0xffffffff;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Result of {@link decodeJournal}. */
export interface DecodedJournal {
  /** Every intact record, in write order. */
  records: unknown[];
  /** True when the bytes end in a torn last frame (ignored; see `validBytes`). */
  torn: boolean;
  /** Byte offset where a torn tail starts (the whole length when nothing is torn). */
  validBytes: number;
  /** Why the tail was ignored, with its byte offset; absent when nothing is torn. */
  problem?: string;
}

/** The header every journal file starts with: the ASCII magic and a newline (6 bytes). Write it once, first. */
export function encodeJournalHeader(): Uint8Array {
  return HEADER.slice();
}

/**
 * Encodes one record as a frame: `[u32 LE payload length][u32 LE crc32 of payload][UTF-8 JSON payload]`.
 * @throws TaskseqError `internal` when the record cannot be serialised as JSON (undefined, a function, a BigInt,
 *   a cycle) or the payload exceeds 4 GiB.
 */
export function encodeFrame(record: unknown): Uint8Array {
  const payload = new TextEncoder().encode(stringifyRecord(record));
  if (payload.length > MAX_PAYLOAD_BYTES) {
    throw new TaskseqError('internal', `journal record is too large to frame (${payload.length} bytes, limit 4 GiB)`);
  }
  const frame = new Uint8Array(FRAME_PREFIX_BYTES + payload.length);
  const view = new DataView(frame.buffer);
  view.setUint32(0, payload.length, true);
  view.setUint32(4, crc32(payload), true);
  frame.set(payload, FRAME_PREFIX_BYTES);
  return frame;
}

/**
 * A whole journal (header + one frame per record): what compaction writes with `JournalStore.replace`.
 * @throws TaskseqError `internal` as {@link encodeFrame}.
 */
export function encodeJournal(records: readonly unknown[]): Uint8Array {
  return Buffer.concat([HEADER, ...records.map(encodeFrame)]);
}

/**
 * Decodes a journal. Only the last record may be torn: an incomplete final frame, a final frame that fails its
 * checksum and ends exactly at the end of the bytes, or a zero-filled tail. Such a tail is ignored: the records before
 * it are returned with `torn: true` and `validBytes` at its start. A damaged frame followed by anything that looks like
 * further data (a later intact frame, bytes after the damaged frame's end, non-zero bytes after a zero length), or an
 * intact frame that is not JSON, is corruption and throws: it must never be cut off as if it were a torn tail.
 * Empty input (or a torn header) gives zero records.
 * @param source file name used in error messages.
 * @throws TaskseqError `journal-mismatch` when the bytes do not start with the journal header; TaskseqError
 *   `journal-corrupt` naming `source`, the record number and the byte offset of the damage.
 */
export function decodeJournal(bytes: Uint8Array, source = 'the journal'): DecodedJournal {
  if (bytes.length === 0) return { records: [], torn: false, validBytes: 0 };
  const header = checkHeader(bytes, source);
  if (header === 'torn') {
    return { records: [], torn: true, validBytes: 0, problem: `journal header is incomplete (${bytes.length} of ${HEADER.length} bytes)` };
  }
  const records: unknown[] = [];
  let at = HEADER.length;
  while (at < bytes.length) {
    const frame = readFrame(bytes, at);
    if ('problem' in frame) {
      const why = corruption(bytes, at, frame);
      if (why) throw corruptJournal(source, records.length + 1, at, frame.problem, why);
      return { records, torn: true, validBytes: at, problem: frame.problem };
    }
    records.push(frame.record);
    at = frame.next;
  }
  return { records, torn: false, validBytes: at };
}

/**
 * Why a bad frame at `at` cannot be a torn last record, or undefined when it can. A crash cuts an append short or
 * leaves its last blocks unwritten (zeros), so a torn frame is always the end of the file and never followed by an
 * intact frame; the scan for one also catches a damaged length that happens to point at the end.
 */
function corruption(bytes: Uint8Array, at: number, frame: FrameProblem): string | undefined {
  if (frame.kind === 'not-json') return 'its checksum matches, so the bytes are as written, but they are not a record';
  const later = findIntactFrame(bytes, at + 1);
  if (later !== undefined) return `an intact record follows at byte ${later}`;
  if (frame.kind === 'zero-length' && bytes.subarray(at).some((b) => b !== 0)) return 'non-zero bytes follow';
  if (frame.kind === 'checksum' && frame.end < bytes.length) return `${bytes.length - frame.end} more bytes follow it`;
  return undefined;
}

/** The offset of the first intact frame (length, checksum, a JSON object) at or after `from`, if any. */
function findIntactFrame(bytes: Uint8Array, from: number): number | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let p = from; p + FRAME_PREFIX_BYTES < bytes.length; p++) {
    const length = view.getUint32(p, true);
    const end = p + FRAME_PREFIX_BYTES + length;
    // Every record is a JSON object: testing its first byte keeps this scan cheap over JSON text.
    if (length < 2 || end > bytes.length || bytes[p + FRAME_PREFIX_BYTES] !== OPEN_BRACE) continue;
    if (crc32(bytes.subarray(p + FRAME_PREFIX_BYTES, end)) === view.getUint32(p + 4, true)) return p;
  }
  return undefined;
}

function corruptJournal(source: string, record: number, at: number, problem: string, why: string): TaskseqError {
  return new TaskseqError(
    'journal-corrupt',
    `${source} is damaged before its end: record ${record} (${problem}) cannot be read and ${why}. Only a torn last ` +
      'record is ignored on resume; this journal was left as it is. The run cannot resume safely: keep a copy of the ' +
      'state folder for inspection, then start over with --reset (the sequence runs again from its first step).',
  );
}

function stringifyRecord(record: unknown): string {
  let json: string | undefined;
  try {
    json = JSON.stringify(record);
  } catch (cause) {
    throw new TaskseqError('internal', `journal record cannot be encoded as JSON: ${(cause as Error).message}`, { cause });
  }
  if (json === undefined) throw new TaskseqError('internal', `journal record cannot be encoded as JSON: ${typeof record}`);
  return json;
}

/** 'ok', 'torn' (a prefix of the header: the first write was cut short), or throws. */
function checkHeader(bytes: Uint8Array, source: string): 'ok' | 'torn' {
  const n = Math.min(bytes.length, HEADER.length);
  for (let i = 0; i < n; i++) {
    if (bytes[i] !== HEADER[i]) throw notAJournal(bytes, source);
  }
  return bytes.length < HEADER.length ? 'torn' : 'ok';
}

function notAJournal(bytes: Uint8Array, source: string): TaskseqError {
  const start = new TextDecoder().decode(bytes.subarray(0, JOURNAL_MAGIC.length - 1));
  const why = start === JOURNAL_MAGIC.slice(0, -1)
    ? `it was written in a different journal format version (expected ${JOURNAL_MAGIC})`
    : `it does not start with ${JOURNAL_MAGIC}`;
  return new TaskseqError(
    'journal-mismatch',
    `${source} is not a taskseq journal: ${why}. To start over, delete the state folder or run again with --reset.`,
  );
}

type FrameProblem = { problem: string; kind: 'short' | 'zero-length' | 'past-end' | 'checksum' | 'not-json'; end: number };
type FrameRead = { record: unknown; next: number } | FrameProblem;

const OPEN_BRACE = 0x7b;

function readFrame(bytes: Uint8Array, at: number): FrameRead {
  const left = bytes.length - at;
  if (left < FRAME_PREFIX_BYTES) return { kind: 'short', end: bytes.length, problem: `frame at byte ${at} is cut short (${left} of ${FRAME_PREFIX_BYTES} prefix bytes)` };
  const view = new DataView(bytes.buffer, bytes.byteOffset + at, FRAME_PREFIX_BYTES);
  const length = view.getUint32(0, true);
  const expected = view.getUint32(4, true);
  // A zero-length frame is never written; zeros after the last frame come from a file extended by a crash.
  if (length === 0) return { kind: 'zero-length', end: bytes.length, problem: `frame at byte ${at} has length 0 (zero-filled tail)` };
  if (length > left - FRAME_PREFIX_BYTES) {
    return { kind: 'past-end', end: bytes.length, problem: `frame at byte ${at} is cut short (length ${length}, ${left - FRAME_PREFIX_BYTES} bytes left)` };
  }
  const end = at + FRAME_PREFIX_BYTES + length;
  const payload = bytes.subarray(at + FRAME_PREFIX_BYTES, end);
  if (crc32(payload) !== expected) return { kind: 'checksum', end, problem: `frame at byte ${at} fails its checksum` };
  try {
    return { record: JSON.parse(utf8.decode(payload)), next: end };
  } catch {
    return { kind: 'not-json', end, problem: `frame at byte ${at} is not valid UTF-8 JSON` };
  }
}
