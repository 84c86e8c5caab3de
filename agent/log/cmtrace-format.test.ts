import { test } from 'node:test';
import assert from 'node:assert/strict';
import { escapeCmtraceMessage, renderCmtraceLine, unescapeCmtraceMessage } from './cmtrace-format.ts';

const base = { component: 'TSManager', type: 1 as const, thread: 2216, file: 'engine.ts:170' };

test('renders a line at bias +000 with CRLF', () => {
  const line = renderCmtraceLine({ ...base, message: 'Hello', time: new Date('2019-10-18T10:21:34.129Z'), biasMinutes: 0 });
  assert.equal(
    line,
    '<![LOG[Hello]LOG]!><time="10:21:34.129+000" date="10-18-2019" component="TSManager" context="" type="1" thread="2216" file="engine.ts:170">\r\n',
  );
});

test('renders local time for a positive bias (+480: UTC = local + 8 h)', () => {
  const line = renderCmtraceLine({ ...base, message: 'x', time: new Date('2019-10-18T18:21:34.129Z'), biasMinutes: 480 });
  assert.match(line, /time="10:21:34\.129\+480" date="10-18-2019"/);
});

test('renders local time for a negative bias (-660: local = UTC + 11 h) across midnight', () => {
  const line = renderCmtraceLine({ ...base, message: 'x', time: new Date('2019-12-31T13:00:00.000Z'), biasMinutes: -660 });
  assert.match(line, /time="00:00:00\.000-660" date="01-01-2020"/);
});

test('renders midnight and pads milliseconds to 3 digits', () => {
  const line = renderCmtraceLine({ ...base, message: 'x', time: new Date('2024-02-29T00:00:00.007Z'), biasMinutes: 0 });
  assert.match(line, /time="00:00:00\.007\+000" date="02-29-2024"/);
  const line2 = renderCmtraceLine({ ...base, message: 'x', time: new Date('2024-03-01T23:59:59.070Z'), biasMinutes: 0 });
  assert.match(line2, /time="23:59:59\.070\+000" date="03-01-2024"/);
});

test('renders type 0-3, empty file and context by default', () => {
  const line = renderCmtraceLine({ message: 'dbg', component: 'C', type: 0, thread: 1, time: new Date(0), biasMinutes: 0 });
  assert.equal(
    line,
    '<![LOG[dbg]LOG]!><time="00:00:00.000+000" date="01-01-1970" component="C" context="" type="0" thread="1" file="">\r\n',
  );
});

test('keeps newlines in the message', () => {
  const line = renderCmtraceLine({ ...base, message: 'a\r\nb\nc', time: new Date(0), biasMinutes: 0 });
  assert.ok(line.startsWith('<![LOG[a\r\nb\nc]LOG]!><'));
});

test('escapes the closing marker so the line cannot be cut short', () => {
  const line = renderCmtraceLine({ ...base, message: 'x ]LOG]!> y', time: new Date(0), biasMinutes: 0 });
  assert.equal(line.indexOf(']LOG]!>'), line.lastIndexOf(']LOG]!><time='));
  assert.ok(line.startsWith('<![LOG[x ]LOG]!&gt; y]LOG]!><'));
});

test('the escape is reversible, including text that looks escaped already', () => {
  for (const m of ['a]LOG]!>b', ']LOG]!&gt;', ']LOG]!&amp;', ']LOG]!]LOG]!>', 'plain & <b>', ']LOG]!', '']) {
    assert.equal(unescapeCmtraceMessage(escapeCmtraceMessage(m)), m);
    assert.ok(!escapeCmtraceMessage(m).includes(']LOG]!>'));
  }
});

test('sanitises quotes and line breaks in attributes', () => {
  const line = renderCmtraceLine({ ...base, component: 'Run "x"\nnow', message: 'm', time: new Date(0), biasMinutes: 0 });
  assert.match(line, /component="Run 'x' now"/);
});
