import assert from 'node:assert/strict';
import { test } from 'node:test';
import { OutputCapture } from './output-capture.ts';

function capture(chunks: readonly (string | Buffer)[], capChars = 1000) {
  const lines: string[] = [];
  const c = new OutputCapture(capChars, (l) => lines.push(l));
  for (const chunk of chunks) c.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  c.end();
  return { lines, text: c.text(), dropped: c.dropped };
}

test('lines split across chunks arrive whole; \\r\\n split between chunks is one line end; a last line without end is kept', () => {
  const { lines, text } = capture(['ab', 'c\nde', 'f\r', '\ng', '\r\r\n', 'h']);
  assert.deepEqual(lines, ['abc', 'def', 'g', '', 'h']);
  assert.equal(text, 'abc\ndef\r\ng\r\r\nh');
});

test('a lone carriage return ends a line (progress bars redraw with it)', () => {
  assert.deepEqual(capture(['[ 10% ]\r[ 20% ]\r', 'done\n']).lines, ['[ 10% ]', '[ 20% ]', 'done']);
});

test('a multi-byte character split across chunks is decoded whole', () => {
  const euro = Buffer.from('x€y\n');
  const { lines } = capture([euro.subarray(0, 2), euro.subarray(2)]);
  assert.deepEqual(lines, ['x€y']);
});

test('only the end of a long output is kept, every line is still delivered', () => {
  const { lines, text, dropped } = capture(['one\ntwo\n', 'three\n'], 8);
  assert.deepEqual(lines, ['one', 'two', 'three']);
  assert.equal(text, 'o\nthree\n');
  assert.equal(dropped, 6);
});
