/** A step's progress in the run log: every event in the JSON outputs, a few lines in smsts.log and on the console. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { RunEvent } from '../../engine/index.ts';
import { parseCmtrace } from './cmtrace-reader.ts';
import { createRunLog } from './create-log.ts';
import { renderConsoleLine, renderEventMessage } from './event-message.ts';
import { createProgressGate } from './progress-gate.ts';

const MiB = 1024 ** 2;
const GiB = 1024 ** 3;
const step = { index: 4, path: 'Install/Apply', name: 'Apply', type: 'SMS_TaskSequence_ApplyOperatingSystemAction' };
type Progress = Extract<RunEvent, { kind: 'step-progress' }>;
const progress = (percent: number, extra: Partial<Progress> = {}): Progress => ({
  kind: 'step-progress', index: step.index, path: step.path, name: step.name, activity: 'Applying image 1', percent, ...extra,
});

test('progress reads as activity, percent and bytes, in the log and indented on the console', () => {
  const e = progress(40, { bytesDone: 412 * MiB, bytesTotal: GiB });
  assert.equal(renderConsoleLine(e), '  Applying image 1: 40% (412 MiB of 1.0 GiB)');
  assert.deepEqual(renderEventMessage(e), { message: 'Progress of the action (Apply): Applying image 1: 40% (412 MiB of 1.0 GiB)', type: 1 });
  assert.equal(renderConsoleLine(progress(100, { bytesDone: 965, bytesTotal: 965 })), '  Applying image 1: 100% (965 bytes of 965 bytes)');
  assert.equal(renderConsoleLine(progress(7, { bytesDone: 12 * 1024 })), '  Applying image 1: 7% (12 KiB)');
  assert.equal(renderConsoleLine(progress(7, { bytesTotal: GiB })), '  Applying image 1: 7%');
});

test('the gate: smsts.log gets the first and last of each pass, the console at most every 10 %', () => {
  const gate = createProgressGate();
  const passes = [0, 5, 9, 10, 19, 20, 55, 99, 100, 0, 100].map((p) => [p, gate.pass(progress(p))] as const);
  assert.deepEqual(passes.filter(([, g]) => g.log).map(([p]) => p), [0, 100, 0, 100]);
  assert.deepEqual(passes.filter(([, g]) => g.console).map(([p]) => p), [0, 10, 20, 55, 99, 100, 0, 100]);
  assert.deepEqual(gate.pass(progress(50, { activity: 'Capturing C:' })), { log: true, console: true }, 'another activity starts fresh');
  gate.end(step.index);
  assert.deepEqual(gate.pass(progress(100)), { log: true, console: true }, 'a step that ended is forgotten');
});

test('a run log: 101 events go to smsts.jsonl and the event lines, two to smsts.log, 11 to the console', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'taskseq-progress-log-'));
  const consoleLines: string[] = [];
  const eventLines: string[] = [];
  const secret = 'Pa55word';
  const log = createRunLog({
    dir, now: () => 0, biasMinutes: 0, thread: 1, format: 'json', redact: (t) => t.split(secret).join('********'),
    console: (l) => consoleLines.push(l), eventLines: (l) => eventLines.push(l),
  });
  log.event({ kind: 'step-start', ...step, attempt: 1 });
  for (let p = 0; p <= 100; p++) log.event(progress(p, { activity: `Applying image 1 for ${secret}`, bytesDone: p * MiB, bytesTotal: 100 * MiB }));
  log.event({ kind: 'step-result', ...step, outcome: 'succeeded', exitCode: 0 });
  log.close();
  const cmtrace = parseCmtrace(fs.readFileSync(log.path, 'utf8')).map((e) => e.message);
  assert.deepEqual(cmtrace.slice(1, -1), [
    'Progress of the action (Apply): Applying image 1 for ********: 0% (0 bytes of 100 MiB)',
    'Progress of the action (Apply): Applying image 1 for ********: 100% (100 MiB of 100 MiB)',
  ]);
  const json = fs.readFileSync(log.jsonPath!, 'utf8').trimEnd().split('\n');
  assert.equal(json.filter((l) => l.includes('"step-progress"')).length, 101);
  assert.deepEqual(eventLines, json, 'the event lines are the JSON log\'s lines');
  assert.deepEqual(JSON.parse(eventLines[1]!).event, progress(0, { activity: 'Applying image 1 for ********', bytesDone: 0, bytesTotal: 100 * MiB }));
  assert.equal(consoleLines.filter((l) => l.startsWith('  ')).length, 11);
  assert.equal(consoleLines[5], '  Applying image 1 for ********: 40% (40 MiB of 100 MiB)');
  assert.ok(![...json, ...consoleLines, ...cmtrace].some((l) => l.includes(secret)));
});
