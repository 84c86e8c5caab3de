import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, runSequenceFile, workDir, writeFixture } from '../../test/support/harness.ts';
import { sequence, setVariable, group, varCondition } from '../../test/support/sequence-builder.ts';

const xml = sequence([group('G', [setVariable('S', 'A', 'line1\nline2 ]]> <&>', { condition: varCondition('X', 'notExists') })], { continueOnError: true })], { globals: { OSDAdapterCount: '0' }, references: ['LAB00001'] });

test('convert: XML -> JSON -> XML keeps the model', async () => {
  const dir = workDir();
  const file = writeFixture(dir, 'ts.xml', xml);
  const toJson = await runCli(['convert', file, '--to', 'json', '--out', join(dir, 'ts.json')]);
  assert.equal(toJson.code, 0, toJson.stderr);
  const json = JSON.parse(readFileSync(join(dir, 'ts.json'), 'utf8'));
  assert.equal(json.sequence.children[0].kind, 'group');
  assert.equal(json.sequence.children[0].continueOnError, true);
  const back = await runCli(['convert', join(dir, 'ts.json'), '--to', 'xml']);
  assert.equal(back.code, 0, back.stderr);
  const again = await runCli(['convert', writeFixture(dir, 'back.xml', back.stdout), '--to', 'json']);
  assert.deepEqual(JSON.parse(again.stdout), json);
  assert.equal((await runCli(['convert', file, '--to', 'yaml'])).code, 2);
});

test('machines lists the built-in profiles', async () => {
  const r = await runCli(['machines', '--json']);
  const names = JSON.parse(r.stdout).map((m: { name: string }) => m.name);
  for (const n of ['uefi-desktop', 'bios-desktop', 'uefi-laptop', 'hyperv-vm']) assert.ok(names.includes(n));
  assert.equal(names[0], 'uefi-desktop');
});

test('--log-format json writes one JSON event per line to smsts.jsonl', async () => {
  const dir = workDir();
  const file = writeFixture(dir, 'ts.xml', sequence([setVariable('S', 'A', '1')]));
  const r = await runSequenceFile(file, dir, ['--log-format', 'json']);
  assert.equal(r.code, 0, r.stderr);
  const events = readFileSync(join(dir, 'logs', 'smsts.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  const kinds = new Set(events.filter((e) => e.event).map((e) => e.event.kind));
  for (const k of ['run-start', 'step-start', 'step-result', 'variable', 'run-end']) assert.ok(kinds.has(k), `missing ${k}`);
});

test('usage and unknown commands', async () => {
  const dir = workDir();
  assert.equal((await runCli(['--help'])).code, 0);
  assert.equal((await runCli([])).code, 2);
  const r = await runCli(['run', 'x.xml', '--no-such-option']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /no-such-option/);
});
