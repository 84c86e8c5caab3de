/** Engine measurements: per-step overhead with the durable journal, per-skip cost, condition throughput. */
import { mkdtempSync, openSync, writeSync, fdatasyncSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  compileCondition, compileProgram, createRegistry, loadDocument,
  type LogPort, type RunEvent, type Condition,
} from '../engine/index.ts';
import { runSequence } from '../engine/machine/index.ts';
import { VariableStore } from '../variables/index.ts';
import { BUILTIN_STEPS } from '../steps/index.ts';
import { createSimulatedMachine, loadProfile } from '../agent/backends/simulated/index.ts';
import { createFileJournalStore } from '../agent/journal/file-journal-store.ts';
import { createSecretSealer } from '../agent/journal/secret-sealer.ts';
import { createFolderContent } from '../agent/content/folder-content.ts';
import { createDriversPort } from '../agent/drivers/drivers-port.ts';
import { median } from './measure.ts';
import { command, sequence, setVariable, varCondition } from '../test/support/sequence-builder.ts';

/** Runs `xml` on the simulated uefi-desktop with a real file journal; returns the time of every step event. */
export async function timedRun(xml: string, content?: string): Promise<{ results: number[]; skips: number[]; starts: number[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'taskseq-bench-'));
  const loaded = loadDocument(new TextEncoder().encode(xml), 'bench.xml');
  if (!loaded.loaded) throw new Error(loaded.problems.map((p) => p.message).join('; '));
  const { program } = compileProgram(loaded.loaded.document, { file: 'bench.xml' });
  const machine = createSimulatedMachine(loadProfile('uefi-desktop'), { stateDir: join(dir, 'machine') });
  const results: number[] = [];
  const skips: number[] = [];
  const starts: number[] = [];
  const log: LogPort = {
    write: () => {},
    flush: () => {},
    event: (e: RunEvent) => {
      if (e.kind === 'step-start') starts.push(performance.now());
      if (e.kind === 'step-result') results.push(performance.now());
      if (e.kind === 'step-skip') skips.push(performance.now());
    },
  };
  await runSequence({
    program, registry: createRegistry(BUILTIN_STEPS), ports: { ...machine.ports, content: createFolderContent(content), drivers: createDriversPort({ devices: () => [], content: createFolderContent(content) }) }, log,
    journalStore: createFileJournalStore(join(dir, 'journal.tsj')), sealer: createSecretSealer(join(dir, 'journal.key')), engineVersion: 'bench',
  });
  return { results, skips, starts };
}

const deltas = (t: number[]): number[] => t.slice(1).map((v, i) => v - t[i]);

/** Median ms between consecutive results of trivial Set Variable steps (engine + durable journal per step). */
export async function perStepOverhead(steps = 400): Promise<number> {
  const xml = sequence(Array.from({ length: steps }, (_, i) => setVariable(`Step ${i}`, `V${i % 7}`, String(i))));
  await timedRun(xml); // warm-up
  const { results } = await timedRun(xml);
  return median(deltas(results));
}

/** Mean ms per condition-false skip: N skipped steps between two trivial steps. */
export async function perSkip(skipped = 5000): Promise<number> {
  const never = varCondition('NeverSet', 'exists');
  const xml = sequence([
    setVariable('First', 'A', '1'),
    ...Array.from({ length: skipped }, (_, i) => command(`Skipped ${i}`, 'cmd.exe /c exit 0', { condition: never })),
    setVariable('Last', 'B', '1'),
  ]);
  await timedRun(xml);
  const { skips } = await timedRun(xml);
  return (skips[skips.length - 1] - skips[0]) / (skips.length - 1);
}

/** Variable conditions evaluated per second (compiled once, against the real variable store). */
export function conditionsPerSecond(iterations = 3_000_000): number {
  const vars = new VariableStore();
  vars.set('_SMSTSMediaType', 'OEMMedia', { writer: 'engine' });
  const condition: Condition = { children: [{ kind: 'expression', type: 'SMS_TaskSequence_VariableConditionExpression', properties: [
    { name: 'Operator', value: 'notEquals' }, { name: 'Value', value: 'OEMMedia' }, { name: 'Variable', value: '_SMSTSMediaType' },
  ] }] };
  const compiled = compileCondition(condition);
  const ctx = { get: (n: string) => vars.get(n), expand: (t: string) => vars.expand(t).text, probe: undefined as never };
  let falses = 0;
  for (let i = 0; i < 100_000; i++) if (!compiled.evaluate(ctx).value) falses++;
  const t = performance.now();
  for (let i = 0; i < iterations; i++) if (!compiled.evaluate(ctx).value) falses++;
  const seconds = (performance.now() - t) / 1000;
  if (falses === 0) throw new Error('the benchmark condition never evaluated to false');
  return iterations / seconds;
}

/** Baseline: one durable append (write + fdatasync) of a 200-byte record, the floor of a durable checkpoint. */
export function rawDurableAppend(runs = 400): number {
  const dir = mkdtempSync(join(tmpdir(), 'taskseq-bench-'));
  const fd = openSync(join(dir, 'raw.bin'), 'a');
  const buf = Buffer.alloc(200, 1);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    writeSync(fd, buf);
    fdatasyncSync(fd);
    times.push(performance.now() - t);
  }
  closeSync(fd);
  return median(times);
}

/** Baseline: string equality comparisons per second through a Map lookup (what a condition does at minimum). */
export function mapLookupsPerSecond(iterations = 3_000_000): number {
  const m = new Map([['_smstsmediatype', 'OEMMedia']]);
  let hits = 0;
  const t = performance.now();
  for (let i = 0; i < iterations; i++) if (m.get('_SMSTSMediaType'.toLowerCase()) !== 'OEMMedia') hits++;
  const seconds = (performance.now() - t) / 1000;
  return (iterations + hits * 0) / seconds;
}

