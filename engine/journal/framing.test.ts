import { test } from 'node:test';
import assert from 'node:assert/strict';
import { crc32 } from 'node:zlib';
import { TaskseqError } from '../problems.ts';
import { JOURNAL_MAGIC, decodeJournal, encodeFrame, encodeJournal, encodeJournalHeader } from './framing.ts';

const records = [
  { t: 'step-started', i: 0, name: 'Format disk' },
  { t: 'step-result', i: 0, code: 0, note: 'ünïcødé ✓' },
  { t: 'reboot', to: 'HD' },
];

const concat = (...parts: Uint8Array[]): Uint8Array => Buffer.concat(parts);

function journalErrorOf(fn: () => unknown): TaskseqError {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof TaskseqError);
    assert.equal(e.code, 'journal-mismatch');
    return e;
  }
  assert.fail('expected a journal-mismatch error');
}

function corruptErrorOf(fn: () => unknown): TaskseqError {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof TaskseqError);
    assert.equal(e.code, 'journal-corrupt');
    return e;
  }
  assert.fail('expected a journal-corrupt error');
}

test('a frame is [u32 LE length][u32 LE crc32][UTF-8 JSON]', () => {
  const frame = encodeFrame({ a: 'é' });
  const payload = new TextEncoder().encode('{"a":"é"}');
  const view = new DataView(frame.buffer);
  assert.equal(view.getUint32(0, true), payload.length);
  assert.equal(view.getUint32(4, true), crc32(payload));
  assert.deepEqual(frame.subarray(8), payload);
});

test('the header is the magic and a newline', () => {
  assert.equal(new TextDecoder().decode(encodeJournalHeader()), `${JOURNAL_MAGIC}\n`);
});

test('header + appended frames decode to the same records', () => {
  const bytes = concat(encodeJournalHeader(), ...records.map(encodeFrame));
  const decoded = decodeJournal(bytes);
  assert.deepEqual(decoded, { records, torn: false, validBytes: bytes.length });
  assert.deepEqual(encodeJournal(records), bytes);
});

test('empty input has zero records; a header alone too', () => {
  assert.deepEqual(decodeJournal(new Uint8Array()), { records: [], torn: false, validBytes: 0 });
  assert.deepEqual(decodeJournal(encodeJournalHeader()), { records: [], torn: false, validBytes: 6 });
});

test('a tail cut at every possible byte keeps every whole record before it and never throws', () => {
  const whole = encodeJournal(records);
  const ends = [6];
  for (const r of records) ends.push(ends[ends.length - 1] + encodeFrame(r).length);
  for (let cut = 1; cut < whole.length; cut++) {
    const decoded = decodeJournal(whole.subarray(0, cut));
    const kept = Math.max(0, ends.filter((e) => e <= cut).length - 1);
    const validBytes = Math.max(0, ...ends.filter((e) => e <= cut));
        assert.deepEqual(decoded.records, records.slice(0, kept));
    assert.equal(decoded.validBytes, validBytes, `cut at ${cut}`);
    assert.equal(decoded.torn, cut !== validBytes, `cut at ${cut}`);
  }
});

test('a flipped payload byte in the last frame fails its checksum', () => {
  const bytes = encodeJournal(records);
  bytes[bytes.length - 2] ^= 0x01;
  const decoded = decodeJournal(bytes);
  assert.deepEqual(decoded.records, records.slice(0, 2));
  assert.equal(decoded.torn, true);
  assert.equal(decoded.validBytes, bytes.length - encodeFrame(records[2]).length);
  assert.match(decoded.problem ?? '', /checksum/);
});

test('corruption in the middle is refused with the file, record number and offset, never read as a torn tail', () => {
  const bytes = encodeJournal(records);
  const second = 6 + encodeFrame(records[0]).length;
  bytes[second + 9] ^= 0xff;
  const err = corruptErrorOf(() => decodeJournal(bytes, '/state/journal.tsj'));
  assert.match(err.message, new RegExp(`^/state/journal\\.tsj is damaged before its end: record 2 \\(frame at byte ${second} fails its checksum\\)`));
  assert.match(err.message, /an intact record follows at byte \d+/);
  assert.match(err.message, /--reset/);
});

test('a damaged length that points past the end is corruption when intact records follow', () => {
  const bytes = encodeJournal(records);
  bytes[6 + 2] = 0x7f;
  assert.match(corruptErrorOf(() => decodeJournal(bytes)).message, /record 1 \(frame at byte 6 is cut short.*an intact record follows at byte/);
});

test('a zero-filled tail (file extended by a crash) is torn, not a record; zeros followed by data are not', () => {
  const good = encodeJournal(records.slice(0, 1));
  const decoded = decodeJournal(concat(good, new Uint8Array(64)));
  assert.deepEqual(decoded.records, records.slice(0, 1));
  assert.equal(decoded.torn, true);
  assert.equal(decoded.validBytes, good.length);
  const zerosThenData = concat(good, new Uint8Array(8), new Uint8Array([1, 2, 3]));
  assert.match(corruptErrorOf(() => decodeJournal(zerosThenData)).message, /length 0.*non-zero bytes follow/);
});

test('a last frame that fails its checksum but is followed by stray bytes is corruption', () => {
  const bytes = concat(encodeJournal(records), new Uint8Array([9]));
  bytes[bytes.length - 3] ^= 0x01;
  assert.match(corruptErrorOf(() => decodeJournal(bytes)).message, /fails its checksum\) cannot be read and 1 more bytes follow it/);
});

test('a frame whose checksum matches but whose payload is not JSON is corruption, even at the end', () => {
  const payload = new TextEncoder().encode('{"not json');
  const frame = new Uint8Array(8 + payload.length);
  new DataView(frame.buffer).setUint32(0, payload.length, true);
  new DataView(frame.buffer).setUint32(4, crc32(payload), true);
  frame.set(payload, 8);
  const err = corruptErrorOf(() => decodeJournal(concat(encodeJournalHeader(), frame)));
  assert.match(err.message, /record 1 \(frame at byte 6 is not valid UTF-8 JSON\).*checksum matches/);
});

test('decoding works on a view into a larger buffer', () => {
  const inner = encodeJournal(records);
  const outer = concat(new Uint8Array(3), inner, new Uint8Array(5));
  assert.deepEqual(decodeJournal(outer.subarray(3, 3 + inner.length)).records, records);
});

test('a file that is not a journal is refused with a way to start over', () => {
  const err = journalErrorOf(() => decodeJournal(new TextEncoder().encode('{"hello":1}'), 'C:\\_SMSTaskSequence\\journal.tsj'));
  assert.match(err.message, /C:\\_SMSTaskSequence\\journal\.tsj is not a taskseq journal/);
  assert.match(err.message, /delete the state folder/);
  assert.match(err.message, /--reset/);
});

test('another framing version is refused and says so', () => {
  const err = journalErrorOf(() => decodeJournal(new TextEncoder().encode('TSQJ2\n')));
  assert.match(err.message, /different journal format version/);
});

test('a torn header (first write cut short) is zero records, torn', () => {
  assert.deepEqual(decodeJournal(encodeJournalHeader().subarray(0, 3)).records, []);
  assert.equal(decodeJournal(encodeJournalHeader().subarray(0, 3)).torn, true);
});

test('records that are not JSON-serialisable are refused', () => {
  for (const bad of [undefined, () => 1, 1n]) {
    assert.throws(() => encodeFrame(bad), (e: unknown) => e instanceof TaskseqError && e.code === 'internal');
  }
  const cycle: Record<string, unknown> = {};
  cycle.self = cycle;
  assert.throws(() => encodeFrame(cycle), (e: unknown) => e instanceof TaskseqError && e.code === 'internal');
});
