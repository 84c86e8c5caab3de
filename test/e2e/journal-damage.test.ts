/**
 * A damaged journal through `taskseq run`: a flipped byte or a cut at sampled positions of every record of a real
 * run's journal. Each resume is either refused (exit 2, naming the journal file, the record and its offset, with the
 * state folder left as it was) or continues from exactly the records that are intact: no step whose result survived
 * runs again, and a step whose start survived without its result runs again only as an interrupted step, with the
 * warning. The property over every byte is engine/journal/journal-damage.test.ts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeJournal, encodeFrame, encodeJournalHeader } from '../../engine/index.ts';
import { runCli, runSequenceFile, workDir, writeFixture } from '../support/harness.ts';
import { command, sequence } from '../support/sequence-builder.ts';

type Rec = { t: string; ip?: number; step?: { name: string } };

function history(state: string): string[] {
  return (JSON.parse(readFileSync(join(state, 'machine', 'machine-state.json'), 'utf8')).history as Array<{ commandLine: string }>).map((h) => h.commandLine);
}

test('a damaged journal is refused or resumed from exactly what is intact, at sampled bytes of every record', { timeout: 180_000 }, async () => {
  const dir = workDir('journal-damage-');
  const file = writeFixture(dir, 'ts.xml', sequence(['A', 'B', 'C'].map((n) => command(n, `${n.toLowerCase()}.exe`, { retryCount: 1 }))));
  // retryCount 1: an interrupted step runs again (with a warning) instead of failing, so every resume can end.
  const first = await runSequenceFile(file, dir, ['--machine', 'bios-desktop']);
  assert.equal(first.code, 0, first.stderr);
  const state = join(dir, 'state');
  const journalFile = join(state, 'journal.tsj');
  const machineFile = join(state, 'machine', 'machine-state.json');
  const machineBytes = readFileSync(machineFile);
  const ranBefore = history(state).length;
  // The journal as a crash right after step B's result leaves it: C has not started.
  const all = decodeJournal(readFileSync(journalFile)).records as Rec[];
  const keep = all.findIndex((r) => r.t === 'result' && r.step?.name === 'B') + 1;
  const records = all.slice(0, keep);
  const frames = records.map(encodeFrame);
  const bounds = frames.reduce<number[]>((b, f) => [...b, b[b.length - 1] + f.length], [6]);
  const base = Buffer.concat([encodeJournalHeader(), ...frames]);
  const nameOf = (ip: number | undefined): string => ['A', 'B', 'C'][ip ?? -1];

  const cases: Array<{ what: string; bytes: Buffer; frame: number }> = [];
  bounds.slice(0, -1).forEach((start, k) => {
    const end = bounds[k + 1];
    for (const p of [start + 1, start + 5, Math.floor((start + 8 + end) / 2)]) {
      const flipped = Buffer.from(base);
      flipped[p] ^= 0x01;
      cases.push({ what: `byte ${p} flipped (record ${k + 1})`, bytes: flipped, frame: k });
    }
    for (const p of [Math.floor((start + 8 + end) / 2), end - 1]) cases.push({ what: `cut at byte ${p} (record ${k + 1})`, bytes: base.subarray(0, p), frame: k });
  });

  let refused = 0;
  for (const c of cases) {
    writeFileSync(journalFile, c.bytes);
    writeFileSync(machineFile, machineBytes);
    const logs = join(dir, `logs-${refused}-${c.what.replace(/\W+/g, '-')}`);
    mkdirSync(logs);
    const r = await runCli(['run', file, '--json', '--state-dir', state, '--log-dir', logs, '--machine', 'bios-desktop']);
    const ran = history(state).slice(ranBefore).map((l) => l.replace(/\.exe$/, '').toUpperCase());
    if (r.code === 2) {
      assert.match(r.stdout, /journal\.tsj is damaged before its end: record \d+ \(frame at byte \d+/, c.what);
      assert.ok(r.stdout.includes(journalFile), c.what);
      assert.ok(c.what.startsWith('byte'), `${c.what}: a cut is a torn tail, never refused`);
      assert.deepEqual(readFileSync(journalFile), c.bytes, `${c.what}: the journal is left as it was`);
      assert.deepEqual(ran, [], `${c.what}: nothing ran`);
      refused++;
      continue;
    }
    assert.equal(r.code, 0, `${c.what}: ${r.stdout}${r.stderr}`);
    // Accepted: only the damaged record itself was dropped, and it was the last one.
    const intact = records.slice(0, c.frame);
    assert.ok(c.what.startsWith('cut') || c.frame === records.length - 1, `${c.what}: a flip before the last record must be refused`);
    const done = new Set(intact.filter((x) => x.t === 'result').map((x) => x.step!.name));
    const started = new Set(intact.filter((x) => x.t === 'start').map((x) => nameOf(x.ip)));
    const expected = ['A', 'B', 'C'].filter((n) => !done.has(n));
    assert.deepEqual(ran, intact.length === 0 ? ['A', 'B', 'C'] : expected, c.what);
    const log = readFileSync(join(logs, 'smsts.log'), 'utf8');
    for (const n of ran.filter((x) => started.has(x))) assert.match(log, new RegExp(`The action \\(${n}\\) was interrupted by an unexpected restart`), c.what);
    assert.match(log, /the last record was torn/, c.what);
  }
  assert.ok(refused > 0, 'some damage was refused');
});
