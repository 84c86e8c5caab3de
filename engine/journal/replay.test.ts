import { test } from 'node:test';
import assert from 'node:assert/strict';
import { replayJournal } from './replay.ts';
import type { JournalRecord, StepRecord } from './records.ts';

const header: JournalRecord = { t: 'header', engineVersion: '1', sequenceHash: 'h', packageId: 'P', sequenceName: 'S' };
const rec = (index: number, outcome: StepRecord['outcome'] = 'succeeded'): StepRecord => ({ index, path: `s${index}`, name: `s${index}`, type: 't', outcome, startedInWinPE: true });

test('a start without a result is an interrupted step; variables replay last-write-wins', () => {
  const s = replayJournal([
    header,
    { t: 'checkpoint', vars: [{ n: 'A', v: '1' }], snapshot: 'c', steps: [], reboots: [] },
    { t: 'start', ip: 0, attempt: 1, vars: [{ n: 'a', v: '2' }], snapshot: 's0', skips: [] },
    { t: 'result', step: rec(0), vars: [{ n: 'B', v: 'x' }], snapshot: 'r0', skips: [rec(1, 'skipped')] },
    { t: 'start', ip: 2, attempt: 1, vars: [{ n: 'B', v: null }], snapshot: 's2', skips: [] },
  ]);
  assert.deepEqual(s.pending, { ip: 2, attempt: 1 });
  assert.equal(s.snapshot, 's2');
  assert.deepEqual([...s.vars.values()].map((c) => [c.n, c.v]), [['a', '2'], ['B', null]]);
  assert.deepEqual(s.steps.map((x) => x.index), [1, 0]);
});

test('a reboot is pending until the booted record; an end record ends the run', () => {
  const s = replayJournal([
    header,
    { t: 'reboot', reboot: { afterStep: 3, target: 'HD' }, vars: [], snapshot: 'rb', skips: [] },
  ]);
  assert.deepEqual(s.pendingReboot, { target: 'HD' });
  const t = replayJournal([header, { t: 'reboot', reboot: { afterStep: 3, target: 'HD' }, vars: [], snapshot: 'rb', skips: [] }, { t: 'booted', target: 'HD', vars: [] }, { t: 'end', status: 'failed', exitCode: 5, vars: [], skips: [] }]);
  assert.equal(t.pendingReboot, undefined);
  assert.deepEqual(t.ended, { status: 'failed', exitCode: 5 });
  assert.deepEqual(t.reboots, [{ afterStep: 3, target: 'HD' }]);
});

test('a journal must start with its header', () => {
  assert.throws(() => replayJournal([{ t: 'booted', target: 'HD', vars: [] }]), /header/);
});
