/**
 * Property: whatever single byte of a journal is flipped, and wherever it is cut, loading it either refuses (naming
 * the file, the record and its offset, and leaving the file as it was) or gives exactly the state of the records that
 * are provably intact. Only the last record may be lost silently: it is the one a crash can tear.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { VariableStore } from '../../variables/index.ts';
import type { JournalStore } from '../ports/journal-store.ts';
import { TaskseqError } from '../problems.ts';
import { decodeJournal, encodeFrame } from './framing.ts';
import type { JournalRecord, StepRecord } from './records.ts';
import { replayJournal } from './replay.ts';
import { RunJournal, type SecretSealer } from './run-journal.ts';

const SOURCE = '/state/journal.tsj';
const sealer: SecretSealer = { seal: (v) => `sealed:${v}`, open: (v) => v.slice('sealed:'.length) };

function memoryStore(initial?: Uint8Array): JournalStore & { bytes(): Uint8Array | undefined; replaced: number } {
  let data = initial && Uint8Array.from(initial);
  const store = {
    replaced: 0,
    bytes: () => data,
    read: () => data,
    append(b: Uint8Array) { data = Uint8Array.from(Buffer.concat([data ?? new Uint8Array(), b])); },
    replace(b: Uint8Array) { data = Uint8Array.from(b); store.replaced++; },
    remove() { data = undefined; },
  };
  return store;
}

const step = (index: number): StepRecord => ({ index, path: `Step ${index}`, name: `Step ${index}`, type: 'SMS_TaskSequence_RunCommandLineAction', outcome: 'succeeded', startedInWinPE: true });

/** A journal of three steps, the third interrupted: header, checkpoint, start/result, start/result, start. */
function writtenJournal(): Uint8Array {
  const store = memoryStore();
  const journal = new RunJournal(store, sealer);
  const vars = new VariableStore();
  vars.set('Site', 'LAB');
  vars.set('JoinPw', 'x', { secret: true });
  journal.begin({ t: 'header', engineVersion: '0.1.0', sequenceHash: 'abc', packageId: 'LAB00001', sequenceName: 'Deploy' }, vars, { ip: 0 });
  journal.track(vars);
  for (let i = 0; i < 3; i++) {
    journal.start(i, 1, { ip: i, phase: 'running' });
    if (i === 2) break;
    vars.set(`Done${i}`, 'yes');
    journal.result(step(i), { ip: i + 1 }, vars);
  }
  return store.bytes()!;
}

const original = Uint8Array.from(writtenJournal());
const records = decodeJournal(original).records as JournalRecord[];
/** Start offset of each frame, and the end of the file as the last entry. */
const bounds = records.reduce<number[]>((b, r) => [...b, b[b.length - 1] + encodeFrame(r).length], [6]);
const intactState = (count: number) => (count === 0 ? undefined : replayJournal(records.slice(0, count)));
/** The frame (0-based) that holds byte `p` (p >= 6). */
const frameOf = (p: number): number => bounds.findIndex((b, i) => p >= b && p < bounds[i + 1]);

function load(bytes: Uint8Array) {
  const store = memoryStore(bytes);
  try {
    return { store, state: new RunJournal(store, sealer).load(SOURCE) };
  } catch (e) {
    return { store, error: e };
  }
}

test('the journal under test has seven records and ends in an interrupted step', () => {
  assert.equal(records.length, 7);
  assert.deepEqual(replayJournal(records).pending, { ip: 2, attempt: 1 });
});

test('a flipped byte anywhere is refused with the file, record and offset, unless it is in the last record', () => {
  let refused = 0;
  let tornLast = 0;
  for (const mask of [0x01, 0x80, 0xff]) {
    for (let p = 0; p < original.length; p++) {
      const damaged = Uint8Array.from(original);
      damaged[p] ^= mask;
      const { store, state, error } = load(damaged);
      const where = `byte ${p} ^ 0x${mask.toString(16)}`;
      if (p < 6) {
        assert.ok(error instanceof TaskseqError && error.code === 'journal-mismatch', where);
        continue;
      }
      const k = frameOf(p);
      if (error !== undefined) {
        assert.ok(error instanceof TaskseqError && error.code === 'journal-corrupt', `${where}: ${String(error)}`);
        assert.ok(error.message.startsWith(`${SOURCE} is damaged before its end: record ${k + 1} (frame at byte ${bounds[k]} `), `${where}: ${error.message}`);
        assert.deepEqual(store.bytes(), damaged, `${where}: a refused journal is left as it was`);
        assert.equal(store.replaced, 0);
        refused++;
        continue;
      }
      assert.equal(k, records.length - 1, `${where}: only the last record may be dropped without a refusal`);
      assert.deepEqual(state, intactState(records.length - 1), where);
      assert.deepEqual(store.bytes(), original.slice(0, bounds[k]), `${where}: the torn last record is cut off`);
      tornLast++;
    }
  }
  assert.ok(refused > 0 && tornLast > 0);
});

test('a journal cut at any byte resumes from exactly the whole records before the cut', () => {
  for (let cut = 0; cut <= original.length; cut++) {
    const { store, state, error } = load(original.subarray(0, cut));
    assert.equal(error, undefined, `cut at ${cut}: ${String(error)}`);
    const whole = bounds.filter((b) => b <= cut).length - 1;
    assert.deepEqual(state, intactState(Math.max(0, whole)), `cut at ${cut}`);
    if (cut > 6 && !bounds.includes(cut)) assert.deepEqual(store.bytes(), original.slice(0, bounds[whole]), `cut at ${cut}`);
  }
});

test('a torn last record is reported for a warning; an intact journal reports nothing', () => {
  const torn = new RunJournal(memoryStore(original.subarray(0, original.length - 3)), sealer);
  torn.load(SOURCE);
  assert.match(torn.discardedTail() ?? '', /^\/state\/journal\.tsj: the last record was torn \(frame at byte \d+ is cut short.*\); the \d+ bytes from byte \d+ were ignored$/);
  const whole = new RunJournal(memoryStore(original), sealer);
  whole.load(SOURCE);
  assert.equal(whole.discardedTail(), undefined);
});
