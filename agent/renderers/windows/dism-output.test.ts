import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseDismOutput } from './dism-output.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/dism/${name}.dism-output.txt`, import.meta.url), 'utf8');
const percents = (text: string) => parseDismOutput(text, 0).progress.map((p) => p.percent);

test('success: progress in order without repeats, success message, no error', () => {
  assert.deepEqual(parseDismOutput(fixture('apply-success'), 0), {
    exitCode: 0,
    message: 'The operation completed successfully.',
    progress: [0, 2, 5, 25, 50, 75, 100].map((percent) => ({ percent })),
  });
});

test('error with a hex code: code lower-cased, message, log path, progress so far', () => {
  assert.deepEqual(parseDismOutput(fixture('apply-error-hex'), 13), {
    exitCode: 13,
    errorCode: '0x8007000d',
    message: 'The data is invalid.',
    logPath: 'X:\\windows\\Logs\\DISM\\dism.log',
    progress: [{ percent: 18 }],
  });
});

test('error with a decimal code: multi-line message joined', () => {
  assert.deepEqual(parseDismOutput(fixture('capture-error-decimal'), 87), {
    exitCode: 87,
    errorCode: '87',
    message: 'The parameter is incorrect. Ensure that the command-line arguments are valid.',
    logPath: 'X:\\windows\\Logs\\DISM\\dism.log',
    progress: [],
  });
});

test('progress redrawn with carriage returns on one line, CRLF line ends, decimal comma', () => {
  const text = 'Applying image\r\n[=   1.0%   ]\r[==  2.5%  ]\r[==  2.5%  ]\r[===========100.0%===========]\r\nThe operation completed successfully.\r\n';
  assert.deepEqual(percents(text), [1, 2.5, 100]);
  assert.equal(parseDismOutput(text, 0).message, 'The operation completed successfully.');
  assert.deepEqual(percents('[=  12,5%  ]\n[==  40,0%  ]'), [12.5, 40]);
});

test('two phases that each start at 0 are both kept; out-of-range values ignored', () => {
  assert.deepEqual(percents('[ 0.0% ]\n[=100.0%=]\nSaving image\n[ 0.0% ]\n[=100.0%=]\n[ 250.0% ]'), [0, 100, 0, 100]);
});

test('garbage or empty input: no crash, exit code kept, nothing invented', () => {
  for (const text of ['', '\u0000\u0001binary\uFFFD', 'Error: nope\n[not a bar]\n%%%', 'x'.repeat(100_000) + '[' + '='.repeat(50_000)]) {
    assert.deepEqual(parseDismOutput(text, 5), { exitCode: 5, progress: [] });
  }
});

test('a log path followed by a period loses the period; the first Error: line wins', () => {
  const r = parseDismOutput('Error: 2\n\nThe system cannot find the file specified.\n\nError: 0x80070005\nThe DISM log file can be found at C:\\Windows\\Logs\\DISM\\dism.log.\n', 2);
  assert.equal(r.errorCode, '2');
  assert.equal(r.message, 'The system cannot find the file specified.');
  assert.equal(r.logPath, 'C:\\Windows\\Logs\\DISM\\dism.log');
});
