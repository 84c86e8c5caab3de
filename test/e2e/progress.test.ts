/**
 * Progress of the long steps in a run on the simulated machine: `run --json` prints every event as a JSON line, and
 * the image steps' progress sits between their start and result, ending at 100 %.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { RunEvent } from '../../engine/index.ts';
import { runSequenceFile, workDir, writeFixture } from '../support/harness.ts';
import { UEFI_LAYOUT, applyOs, captureImage, partitionDisk, sequence } from '../support/sequence-builder.ts';
import { captureWim, writeFakeWindowsTree } from '../../agent/formats/wim/test-support/wim-fixtures.ts';

/** The events `run --json` printed before its report. */
function events(stdout: string): RunEvent[] {
  const lines = stdout.trim().split('\n');
  return lines.slice(0, -1).map((l) => (JSON.parse(l) as { event: RunEvent }).event);
}

/** What the step at `index` reported between its start and its result, as `kind` or `activity percent`. */
function between(all: RunEvent[], index: number): string[] {
  const start = all.findIndex((e) => e.kind === 'step-start' && e.index === index);
  const end = all.findIndex((e, i) => i > start && e.kind === 'step-result' && e.index === index);
  assert.ok(start >= 0 && end > start, `step ${index} started and ended`);
  return all.slice(start + 1, end).filter((e) => e.kind === 'step-progress').map((e) => e.kind === 'step-progress' ? `${e.activity} ${e.percent}` : e.kind);
}

test('run --json: Apply OS and Capture report progress from 0 to 100 % between their start and result', async () => {
  const dir = workDir();
  const content = join(dir, 'content');
  mkdirSync(join(content, 'LAB00100'), { recursive: true });
  captureWim(writeFakeWindowsTree(join(dir, 'tree')), join(content, 'LAB00100', 'install.wim'), 'Fake Windows');
  const file = writeFixture(dir, 'ts.xml', sequence([
    partitionDisk('Partition', 'GPT', UEFI_LAYOUT), applyOs('Apply Operating System', 'LAB00100'), captureImage('Capture', 'D:\\Captures\\reference.wim'),
  ]));
  const r = await runSequenceFile(file, dir, ['--machine', 'uefi-laptop', '--content', content]);
  assert.equal(r.code, 0, r.stderr + r.stdout.slice(-2000));
  const all = events(r.stdout);
  assert.equal(all[0]?.kind, 'run-start');
  assert.equal(all.at(-1)?.kind, 'run-end');
  assert.deepEqual(between(all, 0), [], 'Partition Disk reports no progress');
  assert.deepEqual(between(all, 1), ['Applying image 1 0', 'Applying image 1 100']);
  assert.deepEqual(between(all, 2), ['Capturing C: (disk 0 partition 3) 0', 'Capturing C: (disk 0 partition 3) 100']);
  const applied = all.find((e): e is Extract<RunEvent, { kind: 'step-progress' }> => e.kind === 'step-progress' && e.index === 1 && e.percent === 100);
  assert.ok(applied && applied.bytesTotal! > 0 && applied.bytesDone === applied.bytesTotal, JSON.stringify(applied));
  assert.deepEqual({ ...applied, bytesDone: 0, bytesTotal: 0 }, {
    kind: 'step-progress', index: 1, path: 'Apply Operating System', name: 'Apply Operating System', activity: 'Applying image 1',
    percent: 100, bytesDone: 0, bytesTotal: 0,
  });
  assert.match(r.stderr, /^\[1\] Apply Operating System: started\n {2}Applying image 1: 0% \(0 bytes of (\d+ (?:bytes|KiB))\)\n {2}Applying image 1: 100% \(\1 of \1\)\n\[1\] Apply Operating System: succeeded/m);
  assert.equal(r.log.filter((e) => e.message.startsWith('Progress of the action (Apply Operating System)')).length, 2, 'smsts.log: its start and end');
  assert.ok(!r.stdout.includes('Capture-Secret-1'), 'the events are redacted');
});
