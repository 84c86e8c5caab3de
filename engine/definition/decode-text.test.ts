import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InvalidInputError } from '../problems.ts';
import { decodeText, MAX_INPUT_BYTES } from './decode-text.ts';

const utf8 = (s: string) => new TextEncoder().encode(s);
const utf16le = (s: string) => {
  const out = new Uint8Array(s.length * 2);
  for (let i = 0; i < s.length; i++) { out[2 * i] = s.charCodeAt(i) & 0xff; out[2 * i + 1] = s.charCodeAt(i) >> 8; }
  return out;
};
const utf16be = (s: string) => utf16le(s).map((_, i, a) => a[i ^ 1]);
const concat = (...parts: Uint8Array[]) => Uint8Array.from(parts.flatMap((p) => [...p]));

function decodeError(bytes: Uint8Array) {
  try {
    decodeText(bytes, 'in.xml');
  } catch (e) {
    assert.ok(e instanceof InvalidInputError);
    return e.problems[0];
  }
  assert.fail('expected InvalidInputError');
}

test('UTF-8 with and without BOM decode to the same text', () => {
  const s = '<sequence version="3.10" name="Übung"/>';
  assert.equal(decodeText(utf8(s)).text, s);
  const withBom = decodeText(concat(Uint8Array.of(0xef, 0xbb, 0xbf), utf8(s)));
  assert.equal(withBom.text, s);
  assert.equal(withBom.encoding, 'utf-8');
});

test('UTF-16 LE and BE with BOM, and UTF-16 without BOM by its NUL pattern', () => {
  const s = '<?xml version="1.0" encoding="utf-16"?><sequence version="3.00" description="für"/>';
  assert.deepEqual(decodeText(concat(Uint8Array.of(0xff, 0xfe), utf16le(s))), { text: s, encoding: 'utf-16le', problems: [] });
  assert.deepEqual(decodeText(concat(Uint8Array.of(0xfe, 0xff), utf16be(s))), { text: s, encoding: 'utf-16be', problems: [] });
  assert.equal(decodeText(utf16le(s)).encoding, 'utf-16le');
  assert.equal(decodeText(utf16be(s)).text, s);
});

test('a declared ISO-8859-1 / Windows-1252 encoding is honoured', () => {
  const bytes = concat(utf8('<?xml version="1.0" encoding="ISO-8859-1"?><a b="caf'), Uint8Array.of(0xe9), utf8('"/>'));
  assert.equal(decodeText(bytes).text, '<?xml version="1.0" encoding="ISO-8859-1"?><a b="café"/>');
});

test('declaring UTF-16 on 8-bit bytes is an error but the text is still read as UTF-8', () => {
  const r = decodeText(utf8('<?xml version="1.0" encoding="utf-16"?>\n<sequence version="3.00"/>'), 'in.xml');
  assert.equal(r.encoding, 'utf-8');
  assert.equal(r.problems.length, 1);
  assert.equal(r.problems[0].code, 'encoding-mismatch');
  assert.equal(r.problems[0].severity, 'error');
  assert.match(r.problems[0].message, /no byte order mark, no NUL bytes/);
});

test('a UTF-16 BOM with a UTF-8 declaration is reported; the BOM wins', () => {
  const r = decodeText(concat(Uint8Array.of(0xff, 0xfe), utf16le('<?xml version="1.0" encoding="utf-8"?><a/>')));
  assert.equal(r.text, '<?xml version="1.0" encoding="utf-8"?><a/>');
  assert.equal(r.problems[0].code, 'encoding-mismatch');
});

test('an unsupported declared encoding is refused with its name', () => {
  const p = decodeError(utf8('<?xml version="1.0" encoding="Shift_JIS"?><a/>'));
  assert.equal(p.code, 'unsupported-encoding');
  assert.match(p.message, /Shift_JIS/);
});

test('invalid UTF-8 is refused naming the line', () => {
  const p = decodeError(concat(utf8('<a>\n<b>\n'), Uint8Array.of(0xc3, 0x28), utf8('</b></a>')));
  assert.equal(p.code, 'invalid-encoding');
  assert.equal(p.line, 3);
  assert.match(p.message, /line 3/);
});

test('US-ASCII with a byte above 0x7F names the line', () => {
  const p = decodeError(concat(utf8('<?xml version="1.0" encoding="us-ascii"?>\n<a>'), Uint8Array.of(0xe9), utf8('</a>')));
  assert.equal(p.line, 2);
});

test('input over the size limit is refused before decoding', () => {
  assert.equal(MAX_INPUT_BYTES, 32 * 1024 * 1024);
  const p = decodeError(new Uint8Array(MAX_INPUT_BYTES + 1));
  assert.equal(p.code, 'input-too-large');
});

test('UTF-16 with an odd number of bytes is refused', () => {
  const p = decodeError(concat(Uint8Array.of(0xff, 0xfe), utf16le('<a/>'), Uint8Array.of(0x20)));
  assert.equal(p.code, 'invalid-encoding');
});
