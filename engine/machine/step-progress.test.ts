/** Progress of a running step: throttled, redacted, dropped after the step, never journalled. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { VariableStore } from '../../variables/index.ts';
import { loadDocument } from '../definition/index.ts';
import { defineManifest } from '../options/index.ts';
import type { EnvironmentFacts, JournalStore, LogPort, Ports, RunEvent, SystemFacts } from '../ports/index.ts';
import { compileProgram } from '../program/index.ts';
import { createRegistry } from '../registry/index.ts';
import type { StepContext, StepModule } from '../step-module.ts';
import { runSequence } from './run-sequence.ts';
import { createStepProgress } from './step-progress.ts';

const STEP = { index: 3, path: 'Install/Apply', name: 'Apply' };
type Progress = Extract<RunEvent, { kind: 'step-progress' }>;

function reporter(redact: (t: string) => string = (t) => t) {
  const events: Progress[] = [];
  const progress = createStepProgress(STEP, (e) => events.push(e as Progress), redact);
  return { events, progress };
}

test('1000 readings of one activity give at most one event per whole percent, in order, ending at 100', () => {
  const { events, progress } = reporter();
  for (let i = 1; i <= 1000; i++) progress.report({ activity: 'Applying image 1', percent: i / 10, bytesDone: i * 1024, bytesTotal: 1000 * 1024 });
  assert.ok(events.length <= 101, `${events.length} events`);
  assert.deepEqual(events.map((e) => e.percent), Array.from({ length: 101 }, (_, i) => i));
  assert.deepEqual(events.at(-1), { kind: 'step-progress', ...STEP, activity: 'Applying image 1', percent: 100, bytesDone: 1000 * 1024, bytesTotal: 1000 * 1024 });
});

test('100 % is always sent, even right after 99.9 %; a repeated percent is not', () => {
  const { events, progress } = reporter();
  for (const percent of [0, 0.5, 99.2, 99.9, 100, 100]) progress.report({ activity: 'Capturing C:', percent });
  assert.deepEqual(events.map((e) => e.percent), [0, 99, 100]);
});

test('each activity is throttled on its own; a new pass of one starts again; nonsense is clamped or dropped', () => {
  const { events, progress } = reporter();
  progress.report({ activity: 'A', percent: 50 });
  progress.report({ activity: 'B', percent: 50 });
  progress.report({ activity: 'A', percent: 100 });
  progress.report({ activity: 'A', percent: 0 });
  progress.report({ activity: 'A', percent: Number.NaN });
  progress.report({ activity: 'B', percent: 250, bytesDone: -1, bytesTotal: Number.POSITIVE_INFINITY });
  assert.deepEqual(events.map((e) => [e.activity, e.percent, 'bytesDone' in e, 'bytesTotal' in e]), [
    ['A', 50, false, false], ['B', 50, false, false], ['A', 100, false, false], ['A', 0, false, false], ['B', 100, false, false],
  ]);
});

test('nothing is reported after the step ended, and a failing log does not reach the step', () => {
  const { events, progress } = reporter();
  progress.report({ activity: 'A', percent: 10 });
  progress.close();
  progress.report({ activity: 'A', percent: 20 });
  assert.equal(events.length, 1);
  const failing = createStepProgress(STEP, () => { throw new Error('log is closed'); }, (t) => t);
  assert.doesNotThrow(() => failing.report({ activity: 'A', percent: 1 }));
});

// Through a whole run: the engine wires the context's progress, redacts it and journals none of it.

const manifest = defineManifest({ types: [{ type: 'Lab_Progress', displayName: 'Progress', defaultRunIn: 'WinPEandFullOS' }], options: [] });

/** A step that reports 1000 readings while it runs, and one more after it returned. */
function progressModule(journal: { appends: number }, seen: { duringStep?: number }, late: Array<() => void>): StepModule {
  return {
    id: 'lab-progress', component: 'LabProgress', manifest, runIn: 'both', rerunnable: true, ports: [],
    run: async (ctx: StepContext) => {
      const before = journal.appends;
      for (let i = 1; i <= 1000; i++) ctx.progress({ activity: `Copying for ${ctx.vars.get('Pw')}`, percent: i / 10 });
      seen.duringStep = journal.appends - before;
      late.push(() => ctx.progress({ activity: 'After the end', percent: 50 }));
      return { exitCode: 0 };
    },
  };
}

const facts: SystemFacts = {
  make: 'Lab', model: 'L1', serialNumber: 'S1', uuid: 'U1', assetTag: '', memoryMB: 1024, cpu: { name: 'C', speedMHz: 1, cores: 1 },
  architecture: 'x64', macAddresses: [], ipAddresses: [], defaultGateways: [],
};
const environment: EnvironmentFacts = {
  inWinPE: true, mediaType: 'BootMedia', launchMode: 'UFD', firmware: 'UEFI', secureBoot: 'Enabled', dataPath: 'X:\\_SMSTaskSequence', logPath: 'X:\\Logs', machineName: 'LAB',
  timeZone: { bias: 0, standardBias: 0, daylightBias: 0, standardName: 'UTC', daylightName: 'UTC', standardDate: [], daylightDate: [] },
};

/** Ports for a step that uses none: the system's facts answer, every other call throws. */
function systemOnly(): Ports {
  const unscripted = (port: string) => new Proxy({}, { get: (_t, name) => () => { throw new Error(`unscripted ${port}.${String(name)}`); } });
  const ports = Object.fromEntries(['probe', 'commands', 'content', 'clock', 'disks', 'imaging', 'volumes', 'windows', 'userState', 'drivers'].map((p) => [p, unscripted(p)]));
  return { ...ports, system: { facts: () => facts, environment: () => environment } } as unknown as Ports;
}

function memoryJournal(): JournalStore & { appends: number } {
  let data: Uint8Array | undefined;
  const store = {
    appends: 0,
    read: () => data,
    append(b: Uint8Array) { data = Uint8Array.from(Buffer.concat([data ?? new Uint8Array(), b])); store.appends++; },
    replace(b: Uint8Array) { data = Uint8Array.from(b); },
    remove() { data = undefined; },
  };
  return store;
}

test('a run: progress events sit between the step\'s start and result, redacted, with no journal write of their own', async () => {
  const xml = '<sequence version="3.10"><step type="Lab_Progress" name="Copy"/><step type="Lab_Progress" name="Again"/></sequence>';
  const journal = memoryJournal();
  const seen: { duringStep?: number } = {};
  const late: Array<() => void> = [];
  const registry = createRegistry([progressModule(journal, seen, late)]);
  const loaded = loadDocument(new TextEncoder().encode(xml), 'ts.xml', { catalog: registry.catalog });
  assert.ok(loaded.loaded, JSON.stringify(loaded.problems));
  const { program } = compileProgram(loaded.loaded.document, { file: 'ts.xml' });
  const events: RunEvent[] = [];
  const log: LogPort = { write: () => {}, event: (e) => events.push(e), flush: () => {} };
  const ports = systemOnly();
  let vars: VariableStore | undefined;
  const outcome = await runSequence({
    program, registry, ports, log, journalStore: journal,
    sealer: { seal: (v) => v, open: (v) => v }, engineVersion: 'test', initialVariables: [{ name: 'Pw', value: 'S3cret!', secret: true }],
    onVariables: (v) => (vars = v),
  });
  assert.equal(outcome.status, 'succeeded');
  assert.equal(seen.duringStep, 0, 'progress wrote nothing to the journal');
  for (const report of late) report();
  const kinds = events.filter((e) => e.kind.startsWith('step-')).map((e) => e.kind === 'step-progress' ? `${e.index}:${e.percent}` : `${e.kind}`);
  const first = kinds.indexOf('step-start');
  const results = kinds.map((k, i) => (k === 'step-result' ? i : -1)).filter((i) => i >= 0);
  assert.equal(kinds.slice(first + 1, results[0]).length, 101);
  assert.equal(kinds[results[0] - 1], '0:100');
  assert.equal(kinds[results[1] - 1], '1:100');
  const progress = events.filter((e): e is Progress => e.kind === 'step-progress');
  assert.equal(progress.length, 202, 'nothing after a step ended');
  assert.ok(progress.every((e) => e.activity === `Copying for ${vars!.redact('S3cret!')}` && !e.activity.includes('S3cret!')));
});
