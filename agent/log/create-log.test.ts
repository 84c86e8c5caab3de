import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createRunLog, jsonLogName, type RunLogOptions } from './create-log.ts';
import { parseCmtrace } from './cmtrace-reader.ts';
import { InvalidInputError, TaskseqError } from '../../engine/problems.ts';
import type { RunEvent } from '../../engine/index.ts';

const SECRET = 'S3cr3t!';
const T0 = Date.UTC(2019, 9, 18, 18, 21, 34, 129);
const redact = (text: string): string => text.split(SECRET).join('********');

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'taskseq-runlog-'));
}

function options(dir: string, extra: Partial<RunLogOptions> = {}): RunLogOptions {
  return { dir, now: () => T0, biasMinutes: 480, thread: 42, redact, ...extra };
}

const step = { index: 3, path: 'Setup/Gather', name: 'Gather', type: 'BDD_Gather' };

test('write() maps severities to CMTrace types and the engine component', () => {
  const dir = tempDir();
  const log = createRunLog(options(dir));
  log.write({ severity: 'info', component: 'InstallSoftware', message: 'Command line: cmd /c echo hi' });
  log.write({ severity: 'warning', component: 'TSManager', message: 'careful' });
  log.write({ severity: 'error', component: 'TSManager', message: 'broken\nsecond line' });
  log.close();
  assert.equal(log.path, path.join(dir, 'smsts.log'));
  const text = fs.readFileSync(log.path, 'utf8');
  assert.ok(text.endsWith('\r\n'));
  const entries = parseCmtrace(text);
  assert.deepEqual(entries.map((e) => [e.type, e.component, e.message]), [
    [1, 'InstallSoftware', 'Command line: cmd /c echo hi'],
    [2, 'TSManager', 'careful'],
    [3, 'TSManager', 'broken\nsecond line'],
  ]);
  assert.deepEqual([entries[0]!.time, entries[0]!.date, entries[0]!.bias, entries[0]!.thread], ['10:21:34.129', '10-18-2019', 480, 42]);
});

test('event() writes readable TSManager lines and console lines', () => {
  const dir = tempDir();
  const consoleLines: string[] = [];
  const log = createRunLog(options(dir, { console: (l) => consoleLines.push(l) }));
  log.event({ kind: 'step-start', ...step, attempt: 1 });
  log.event({ kind: 'step-result', ...step, outcome: 'failed', exitCode: 2, reason: 'No such file' });
  log.event({ kind: 'variable', name: 'OSDComputerName', value: 'PC-01', secret: false });
  log.close();
  const entries = parseCmtrace(fs.readFileSync(log.path, 'utf8'));
  assert.deepEqual(entries.map((e) => [e.component, e.type, e.message]), [
    ['TSManager', 1, 'Start executing an instruction. Instruction name: Gather. Instruction pointer: 3'],
    ['TSManager', 3, 'Failed to run the action: Gather. Exit code 2: No such file'],
    ['TSManager', 1, 'Set a global environment variable OSDComputerName=PC-01'],
  ]);
  assert.deepEqual(consoleLines, ['[3] Gather: started', '[3] Gather: FAILED (exit code 2): No such file']);
});

test('a secret passed to write() or event() reaches no file and no console line', () => {
  const dir = tempDir();
  const consoleLines: string[] = [];
  const log = createRunLog(options(dir, { jsonFile: 'events.jsonl', console: (l) => consoleLines.push(l) }));
  log.write({ severity: 'error', component: `Comp${SECRET}`, message: `net use /user:x ${SECRET}` });
  const events: RunEvent[] = [
    { kind: 'step-skip', ...step, name: `Join ${SECRET}`, outcome: 'skipped', reason: `OSDJoinPassword = "${SECRET}"` },
    { kind: 'step-result', ...step, outcome: 'failed', exitCode: 1, reason: `bad password ${SECRET}` },
    { kind: 'variable', name: 'OSDJoinPassword', value: SECRET, secret: true },
    { kind: 'variable', name: 'MyHidden', value: 'not-known-to-redact', secret: true },
  ];
  for (const e of events) log.event(e);
  log.close();
  for (const name of fs.readdirSync(dir)) {
    const text = fs.readFileSync(path.join(dir, name), 'utf8');
    assert.ok(!text.includes(SECRET), `${name} leaks the secret`);
    assert.ok(!text.includes('not-known-to-redact'), `${name} leaks a secret variable`);
  }
  assert.ok(consoleLines.length > 0 && consoleLines.every((l) => !l.includes(SECRET)));
  const messages = parseCmtrace(fs.readFileSync(log.path, 'utf8')).map((e) => e.message);
  assert.ok(messages.includes('Set a global environment variable MyHidden=********'));
  assert.ok(messages.includes('net use /user:x ********'));
});

test('jsonFile receives one JSON line per event; the CMTrace file keeps everything', () => {
  const dir = tempDir();
  const log = createRunLog(options(dir, { jsonFile: 'events.jsonl' }));
  log.write({ severity: 'info', component: 'TSManager', message: 'not an event' });
  log.event({ kind: 'reboot', afterStep: 4, target: 'HD' });
  log.event({ kind: 'variable', name: 'Pw', value: 'hidden', secret: true });
  log.close();
  const lines = fs.readFileSync(path.join(dir, 'events.jsonl'), 'utf8').split('\n');
  assert.equal(lines.pop(), '');
  assert.deepEqual(lines.map((l) => JSON.parse(l)), [
    { time: '2019-10-18T18:21:34.129Z', event: { kind: 'reboot', afterStep: 4, target: 'HD' } },
    { time: '2019-10-18T18:21:34.129Z', event: { kind: 'variable', name: 'Pw', value: '********', secret: true } },
  ]);
  assert.equal(parseCmtrace(fs.readFileSync(log.path, 'utf8')).length, 3);
});

test("format 'json' keeps smsts.log CMTrace and adds smsts.jsonl with log lines and events", () => {
  const dir = tempDir();
  const log = createRunLog(options(dir, { format: 'json' }));
  log.write({ severity: 'warning', component: 'TSManager', message: 'w' });
  log.event({ kind: 'run-end', status: 'succeeded', exitCode: 0 });
  log.close();
  assert.equal(log.path, path.join(dir, 'smsts.log'));
  assert.equal(log.jsonPath, path.join(dir, 'smsts.jsonl'));
  assert.deepEqual(fs.readdirSync(dir).sort(), ['smsts.jsonl', 'smsts.log']);
  const jsonText = fs.readFileSync(log.jsonPath!, 'utf8');
  assert.notEqual(jsonText.charCodeAt(0), 0xfeff, 'JSON Lines have no BOM');
  assert.deepEqual(jsonText.trimEnd().split('\n').map((l) => JSON.parse(l)), [
    { time: '2019-10-18T18:21:34.129Z', log: { severity: 'warning', component: 'TSManager', message: 'w' } },
    { time: '2019-10-18T18:21:34.129Z', event: { kind: 'run-end', status: 'succeeded', exitCode: 0 } },
  ]);
  assert.deepEqual(parseCmtrace(fs.readFileSync(log.path, 'utf8')).map((e) => e.message), ['w', 'Task sequence completed 0x00000000']);
});

test("format 'cmtrace' writes no JSON file; jsonLogName follows the CMTrace name", () => {
  const dir = tempDir();
  const log = createRunLog(options(dir));
  log.close();
  assert.equal(log.jsonPath, undefined);
  assert.deepEqual(fs.readdirSync(dir), ['smsts.log']);
  assert.equal(jsonLogName('smsts.log'), 'smsts.jsonl');
  assert.equal(jsonLogName('run'), 'run.jsonl');
});

test('smsts.log starts with a UTF-8 BOM (non-ASCII text stays UTF-8); an existing log is appended without another', () => {
  const dir = tempDir();
  const first = createRunLog(options(dir));
  first.write({ severity: 'info', component: 'TSManager', message: 'Größe: 5 MB – café' });
  first.close();
  const second = createRunLog(options(dir));
  second.write({ severity: 'info', component: 'TSManager', message: 'again' });
  second.close();
  const bytes = fs.readFileSync(path.join(dir, 'smsts.log'));
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  assert.equal(bytes.indexOf(Buffer.from([0xef, 0xbb, 0xbf]), 3), -1, 'one BOM only');
  assert.deepEqual(parseCmtrace(bytes.toString('utf8')).map((e) => e.message), ['Größe: 5 MB – café', 'again']);
});

test('rolls smsts.log over through the run log', () => {
  const dir = tempDir();
  let t = T0;
  const log = createRunLog(options(dir, { maxSize: 400, maxHistory: 2, now: () => (t += 1000) }));
  for (let i = 0; i < 30; i++) log.write({ severity: 'info', component: 'TSManager', message: `entry ${i}` });
  log.close();
  const names = fs.readdirSync(dir).sort();
  assert.equal(names.length, 3);
  for (const n of names.filter((x) => x !== 'smsts.log')) assert.match(n, /^smsts-\d{8}-\d{6}.*\.log$/);
  for (const n of names) {
    assert.ok(fs.statSync(path.join(dir, n)).size <= 400);
    assert.deepEqual([...fs.readFileSync(path.join(dir, n)).subarray(0, 3)], [0xef, 0xbb, 0xbf], `${n} starts with a BOM`);
  }
  assert.match(parseCmtrace(fs.readFileSync(log.path, 'utf8')).at(-1)!.message, /^entry 29$/);
});

test('rejects out-of-range options and writes after close', () => {
  const dir = tempDir();
  assert.throws(() => createRunLog(options(dir, { maxSize: 0 })), InvalidInputError);
  assert.throws(() => createRunLog(options(dir, { biasMinutes: 1.5 })), /biasMinutes/);
  assert.throws(() => createRunLog(options(dir, { maxHistory: -1 })), /maxHistory/);
  assert.throws(() => createRunLog(options(dir, { jsonFile: 'smsts.log' })), /jsonFile must differ/);
  assert.throws(() => createRunLog(options(dir, { format: 'json', jsonFile: 'smsts.jsonl' })), /jsonFile must differ/);
  assert.throws(() => createRunLog(options(dir, { format: 'json', fileName: 'x.jsonl' })), /must not be named \.jsonl/);
  fs.writeFileSync(path.join(dir, 'blocker'), '');
  assert.throws(() => createRunLog(options(path.join(dir, 'blocker'))), /Cannot open the log file .*blocker/);
  const log = createRunLog(options(dir));
  log.close();
  log.close();
  log.flush();
  assert.throws(
    () => log.write({ severity: 'info', component: 'C', message: 'late' }),
    (err: unknown) => err instanceof TaskseqError && err.code === 'internal' && /smsts\.log: the log is closed/.test(err.message),
  );
});

test('nothing is lost when the process exits right after writing (with and without flush)', () => {
  const dir = tempDir();
  const moduleUrl = pathToFileURL(path.join(import.meta.dirname, 'create-log.ts')).href;
  const script = path.join(dir, 'child.mts');
  fs.writeFileSync(script, [
    `import { createRunLog } from ${JSON.stringify(moduleUrl)};`,
    `const open = (sub) => createRunLog({ dir: ${JSON.stringify(dir)} + '/' + sub, jsonFile: 'events.jsonl', now: () => 0, biasMinutes: 0, redact: (t) => t });`,
    `const a = open('flushed'); const b = open('unflushed');`,
    `for (let i = 0; i < 500; i++) { a.write({ severity: 'info', component: 'C', message: 'm' + i }); b.write({ severity: 'info', component: 'C', message: 'm' + i }); }`,
    `a.event({ kind: 'run-end', status: 'succeeded', exitCode: 0 }); b.event({ kind: 'reboot', afterStep: 1, target: 'HD' });`,
    `a.flush();`,
    `process.exit(0);`,
  ].join('\n'));
  const root = path.resolve(import.meta.dirname, '../..');
  const child = spawnSync(process.execPath, ['--import', 'tsx', script], { cwd: root, encoding: 'utf8' });
  assert.equal(child.status, 0, child.stderr);
  for (const sub of ['flushed', 'unflushed']) {
    const entries = parseCmtrace(fs.readFileSync(path.join(dir, sub, 'smsts.log'), 'utf8'));
    assert.equal(entries.length, 501, sub);
    assert.equal(entries[499]!.message, 'm499');
    assert.equal(fs.readFileSync(path.join(dir, sub, 'events.jsonl'), 'utf8').split('\n').length, 2, sub);
  }
});
