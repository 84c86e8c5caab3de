import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCmtrace } from './cmtrace-reader.ts';
import { renderCmtraceLine } from './cmtrace-format.ts';
import { InvalidInputError } from '../../engine/problems.ts';

// Samples written for these tests, in the documented smsts.log format.
const SAMPLE = [
  '<![LOG[Start executing an instruction. Instruction name: Gather. Instruction pointer: 3]LOG]!><time="10:21:34.129+480" date="10-18-2019" component="TSManager" context="" type="1" thread="2216" file="engine.cxx:170">',
  '<![LOG[Reading variables]LOG]!><time="10:21:34.130+480" date="10-18-2019" component="TSManager" context="" type="0" thread="2216" file="">',
  '<![LOG[Command output:',
  'line one',
  'line two]LOG]!><time="10:21:35.001+480" date="10-18-2019" component="InstallSoftware" context="" type="2" thread="3120" file="">',
  '<![LOG[Disk 0 not found]LOG]!><time="23:59:59.999-660" date="12-31-2019" component="OSDDiskPart" context="" type="3" thread="12" file="disk.cpp:88">',
];

test('reads LF and CRLF logs the same way, including multi-line messages', () => {
  for (const eol of ['\n', '\r\n']) {
    const entries = parseCmtrace(SAMPLE.join(eol) + eol);
    assert.equal(entries.length, 4);
    assert.deepEqual(entries[0], {
      message: 'Start executing an instruction. Instruction name: Gather. Instruction pointer: 3',
      time: '10:21:34.129',
      date: '10-18-2019',
      bias: 480,
      component: 'TSManager',
      context: '',
      type: 1,
      thread: 2216,
      file: 'engine.cxx:170',
      line: 1,
    });
    assert.equal(entries[1]!.type, 0);
    assert.equal(entries[1]!.file, '');
    assert.equal(entries[2]!.message, ['Command output:', 'line one', 'line two'].join(eol));
    assert.equal(entries[2]!.line, 3);
    assert.equal(entries[3]!.line, 6);
    assert.equal(entries[3]!.bias, -660);
    assert.equal(entries[3]!.type, 3);
  }
});

test('accepts a BOM, blank lines, a missing final line end and a +000 bias', () => {
  const text = '\ufeff\n' + SAMPLE[0]!.replace('+480', '+000') + '\n\n' + SAMPLE[1];
  const entries = parseCmtrace(text);
  assert.equal(entries.length, 2);
  assert.equal(entries[0]!.bias, 0);
  assert.equal(entries[0]!.line, 2);
});

test('accepts a thread written with its hex form', () => {
  const [e] = parseCmtrace(SAMPLE[0]!.replace('thread="2216"', 'thread="2216 (0x08A8)"'));
  assert.equal(e!.thread, 2216);
});

test('round-trips rendered entries, including an escaped closing marker', () => {
  const messages = ['a ]LOG]!> b', 'x]LOG]!&gt;y', 'multi\r\nline\nmessage', ''];
  const text = messages
    .map((message, i) =>
      renderCmtraceLine({ message, component: 'C', type: 1, thread: i, time: new Date(0), biasMinutes: 60 }))
    .join('');
  const entries = parseCmtrace(text);
  assert.deepEqual(entries.map((e) => e.message), messages);
  assert.deepEqual(entries.map((e) => e.time), Array(4).fill('23:00:00.000'));
  assert.deepEqual(entries.map((e) => e.date), Array(4).fill('12-31-1969'));
});

test('returns nothing for an empty log', () => {
  assert.deepEqual(parseCmtrace(''), []);
  assert.deepEqual(parseCmtrace('\r\n'), []);
});

function assertMalformed(text: string, line: number, what: RegExp): void {
  assert.throws(() => parseCmtrace(text, 'smsts.log'), (err: unknown) => {
    assert.ok(err instanceof InvalidInputError);
    assert.match(err.message, new RegExp(`^smsts\\.log line ${line}: `));
    assert.match(err.message, what);
    assert.equal(err.problems[0]!.line, line);
    return true;
  });
}

test('names the line of a malformed entry', () => {
  assertMalformed(SAMPLE[0] + '\nplain text\n', 2, /expected an entry/);
  assertMalformed(SAMPLE[0] + '\n<![LOG[never closed\n', 2, /no closing/);
  assertMalformed(SAMPLE[1]!.replace(' component="TSManager"', ''), 1, /missing attribute component/);
  assertMalformed('\n\n' + SAMPLE[1]!.replace('type="0"', 'type="x"'), 3, /type="x"/);
  assertMalformed(SAMPLE[1]!.replace('10:21:34.130+480', 'noon'), 1, /time="noon"/);
  assertMalformed(SAMPLE[1]!.replace('10-18-2019', '2019-10-18'), 1, /date=/);
  assertMalformed(SAMPLE[1]!.replace(' file="">', ' file="">junk'), 1, /expected an entry/);
  assertMalformed(SAMPLE[1]!.replace(' file="">', ' file=">'), 1, /not closed/);
});

test('reads the file bytes: the UTF-8 BOM at offset 0 and non-ASCII messages', () => {
  const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(SAMPLE[0]!.replace(/<!\[LOG\[[^\]]*/, '<![LOG[Größe café') + '\r\n', 'utf8')]);
  const entries = parseCmtrace(bytes);
  assert.equal(entries.length, 1);
  assert.match(entries[0]!.message, /^Größe café/);
  assert.equal(entries[0]!.line, 1);
});

test('accepts the BOM of each file when history files and the live log are read as one text', () => {
  const file = (s: string): string => '\ufeff' + s + '\r\n';
  const entries = parseCmtrace(file(SAMPLE[0]!) + file(SAMPLE[0]!));
  assert.equal(entries.length, 2);
  assert.equal(entries[1]!.line, 2);
});
