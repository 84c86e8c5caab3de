import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import winston from 'winston';
import { SmstsTransport, UTF8_BOM } from './smsts-transport.ts';
import { parseHistoryFiles, renderHistoryName } from './rollover.ts';

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'taskseq-log-'));
}

/** A clock that advances one second per reading, from 2019-10-18 10:21:34 UTC. */
function steppingClock(): () => number {
  let t = Date.UTC(2019, 9, 18, 10, 21, 34);
  return () => (t += 1000);
}

const line = (i: number): string => `line ${String(i).padStart(3, '0')}\n`; // 9 bytes

test('appends synchronously through a winston logger', () => {
  const dir = tempDir();
  const t = new SmstsTransport({ path: path.join(dir, 'sub', 'smsts.log'), now: steppingClock(), biasMinutes: 0 });
  const logger = winston.createLogger({ format: winston.format.printf((i) => String(i.message)), transports: [t] });
  logger.info('first');
  assert.equal(fs.readFileSync(t.path, 'utf8'), 'first');
  logger.info(' second\r\n');
  assert.equal(fs.readFileSync(t.path, 'utf8'), 'first second\r\n');
  t.flush();
  t.close();
  t.close();
});

test('appends to an existing log and counts its size', () => {
  const dir = tempDir();
  const file = path.join(dir, 'smsts.log');
  fs.writeFileSync(file, 'x'.repeat(15));
  const t = new SmstsTransport({ path: file, maxSize: 20, now: steppingClock(), biasMinutes: 0 });
  t.append(line(1));
  t.close();
  assert.equal(fs.readFileSync(file, 'utf8'), line(1));
  assert.deepEqual(parseHistoryFiles('smsts.log', fs.readdirSync(dir)).map((h) => h.name), ['smsts-20191018-102135.log']);
});

test('rolls over several times, keeps maxHistory files, loses no line of the kept files', () => {
  const dir = tempDir();
  const file = path.join(dir, 'smsts.log');
  const t = new SmstsTransport({ path: file, maxSize: 30, maxHistory: 2, now: steppingClock(), biasMinutes: 480 });
  for (let i = 1; i <= 20; i++) t.append(line(i)); // 3 lines (27 bytes) per file
  t.flush();
  t.close();
  const names = fs.readdirSync(dir).sort();
  assert.equal(names.length, 3);
  const history = names.filter((n) => n !== 'smsts.log');
  for (const n of history) assert.match(n, /^smsts-\d{8}-\d{6}.*\.log$/);
  // Local time at bias +480 is UTC - 8 h; 6 rollovers happened, the last two are kept.
  assert.deepEqual(history, ['smsts-20191018-022139.log', 'smsts-20191018-022140.log']);
  assert.equal(fs.readFileSync(path.join(dir, history[0]!), 'utf8'), line(13) + line(14) + line(15));
  assert.equal(fs.readFileSync(path.join(dir, history[1]!), 'utf8'), line(16) + line(17) + line(18));
  assert.equal(fs.readFileSync(file, 'utf8'), line(19) + line(20));
});

test('suffixes the history name when the same second is used twice', () => {
  const dir = tempDir();
  const t = new SmstsTransport({ path: path.join(dir, 'smsts.log'), maxSize: 10, maxHistory: 5, now: () => 0, biasMinutes: 0 });
  for (let i = 1; i <= 4; i++) t.append(line(i));
  t.close();
  assert.deepEqual(
    parseHistoryFiles('smsts.log', fs.readdirSync(dir)).map((h) => h.name),
    ['smsts-19700101-000000.log', 'smsts-19700101-000000-1.log', 'smsts-19700101-000000-2.log'],
  );
});

test('a clock that goes back does not get the newest history file pruned', () => {
  const dir = tempDir();
  const times = [Date.UTC(2020, 0, 2), Date.UTC(2020, 0, 1)];
  const t = new SmstsTransport({ path: path.join(dir, 'smsts.log'), maxSize: 10, maxHistory: 1, now: () => times.shift()!, biasMinutes: 0 });
  for (let i = 1; i <= 3; i++) t.append(line(i));
  t.close();
  const history = parseHistoryFiles('smsts.log', fs.readdirSync(dir));
  assert.deepEqual(history.map((h) => h.name), ['smsts-20200102-000000-1.log']);
  assert.equal(fs.readFileSync(path.join(dir, history[0]!.name), 'utf8'), line(2));
});

test('a line larger than maxSize still goes into one file', () => {
  const dir = tempDir();
  const t = new SmstsTransport({ path: path.join(dir, 'smsts.log'), maxSize: 5, now: steppingClock(), biasMinutes: 0 });
  t.append(line(1));
  t.append(line(2));
  t.close();
  assert.equal(fs.readFileSync(path.join(dir, 'smsts.log'), 'utf8'), line(2));
});

test('keeps a write error for the caller instead of throwing inside winston', () => {
  const dir = tempDir();
  const t = new SmstsTransport({ path: path.join(dir, 'smsts.log'), now: steppingClock(), biasMinutes: 0 });
  const logger = winston.createLogger({ transports: [t] });
  t.close();
  logger.info('lost');
  assert.match(t.takeFailure()?.message ?? '', /smsts\.log is closed/);
  assert.equal(t.takeFailure(), undefined);
});

test('history names work for other file names', () => {
  assert.equal(renderHistoryName('events.jsonl', '20200101-000000', 0), 'events-20200101-000000.jsonl');
  assert.deepEqual(parseHistoryFiles('smsts.log', ['smsts.log', 'smsts-20200101-000000.lo_', 'other-20200101-000000.log']), []);
});

test('with bom, every new file starts with the UTF-8 BOM, also after each rollover; the BOM alone never rolls over', () => {
  const dir = tempDir();
  const file = path.join(dir, 'smsts.log');
  const t = new SmstsTransport({ path: file, maxSize: 30, maxHistory: 5, now: steppingClock(), biasMinutes: 0, bom: true });
  t.append('x'.repeat(40) + '\n'); // larger than maxSize: goes into the first file, after its BOM
  for (let i = 1; i <= 6; i++) t.append(line(i));
  t.close();
  const names = fs.readdirSync(dir).sort();
  // BOM + the long line; BOM + lines 1-3 (30 bytes, the BOM counts); BOM + lines 4-6 (live).
  assert.equal(names.length, 3);
  for (const n of names) {
    const bytes = fs.readFileSync(path.join(dir, n));
    assert.deepEqual([...bytes.subarray(0, 3)], [...UTF8_BOM], n);
    assert.ok(bytes.length > 3, n);
  }
  assert.equal(fs.readFileSync(file, 'utf8'), '\ufeff' + line(4) + line(5) + line(6));
});

test('without bom (JSON Lines), no BOM is written', () => {
  const dir = tempDir();
  const t = new SmstsTransport({ path: path.join(dir, 'smsts.jsonl'), now: steppingClock(), biasMinutes: 0 });
  t.append('{}\n');
  t.close();
  assert.equal(fs.readFileSync(t.path, 'utf8'), '{}\n');
});
