/** Bad input gives a clear error naming file, step path and field, exit code 2, and nothing runs. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, statSync, truncateSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, workDir, writeFixture } from '../support/harness.ts';
import { command, group, sequence, setVariable, varCondition } from '../support/sequence-builder.ts';

async function run(dir: string, file: string, extra: string[] = []) {
  return runCli(['run', file, '--json', '--state-dir', join(dir, 'state'), '--log-dir', join(dir, 'logs'), ...extra]);
}
const last = (out: string) => JSON.parse(out.trim().split('\n').pop()!);

test('malformed XML: exit 2, the file and line named, no stack trace, nothing touched', async () => {
  const dir = workDir();
  const file = writeFixture(dir, 'bad.xml', '<sequence version="3.10">\n<group name="A">\n<step name="x"></group>\n</sequence>');
  const r = await run(dir, file);
  assert.equal(r.code, 2);
  const out = last(r.stdout);
  assert.equal(out.status, 'invalid');
  assert.ok(out.problems.some((p: { line?: number; file?: string }) => p.line === 3 && p.file === file), JSON.stringify(out.problems));
  assert.ok(!/\n\s+at /.test(r.stderr + r.stdout), 'no stack trace');
  assert.equal(existsSync(join(dir, 'state')), false);
});

test('every problem is collected before anything runs, with step paths', async () => {
  const dir = workDir();
  const bad = '<expression type="SMS_TaskSequence_MadeUpConditionExpression"><variable name="X">1</variable></expression>';
  const file = writeFixture(dir, 'ts.xml', sequence([
    group('Build', [
      group('Capture', [setVariable('Prepare OS', '_SMSTSInWinPE', 'false')]),
      command('Weird condition', 'cmd.exe /c exit 0', { condition: bad }),
      command('Bad operator', 'cmd.exe /c exit 0', { condition: varCondition('A', 'sortOf', '1') }),
    ]),
  ]).replace('<group name="Build"', '<step type="SMS_TaskSequence_NoSuchAction" name="Mystery"/><group name="Build"'));
  const r = await run(dir, file);
  assert.equal(r.code, 2);
  const problems = last(r.stdout).problems as Array<{ code: string; path?: string; severity: string }>;
  const has = (code: string, path: string) => problems.some((p) => p.code === code && p.path === path && p.severity === 'error');
  assert.ok(has('read-only-variable', 'Build/Capture/Prepare OS'), JSON.stringify(problems));
  assert.ok(has('unknown-condition-type', 'Build/Weird condition'), JSON.stringify(problems));
  assert.ok(problems.some((p) => p.path === 'Build/Bad operator' && /operator/i.test(p.code)), JSON.stringify(problems));
  assert.ok(has('unknown-step-type', 'Mystery'), JSON.stringify(problems));
  assert.equal(existsSync(join(dir, 'state')), false);
});

test('an unknown step type runs as a command line with --allow-unknown-steps when it has an action', async () => {
  const dir = workDir();
  const file = writeFixture(dir, 'ts.xml', sequence(['<step type="Vendor_CustomAction" name="Vendor step" successCodeList="0"><action>cmd.exe /c exit 0</action></step>']));
  const strict = await run(dir, file);
  assert.equal(strict.code, 2);
  const lax = await run(workDir(), file, ['--allow-unknown-steps']);
  assert.equal(lax.code, 0, lax.stderr);
  assert.equal(last(lax.stdout).steps[0].outcome, 'succeeded');
});

test('a step type the engine recognises but cannot run yet stops the run before anything happens', async () => {
  const dir = workDir();
  const file = writeFixture(dir, 'ts.xml', sequence([setVariable('First', 'A', '1'), '<step type="SMS_TaskSequence_EnableBitLockerAction" name="Setup Windows" runIn="FullOS" successCodeList="0"><action>OSDEnableBitLocker.exe</action></step>']));
  const r = await run(dir, file);
  assert.equal(r.code, 2);
  assert.ok(last(r.stdout).problems.some((p: { code: string; path: string }) => p.code === 'unsupported-step-type' && p.path === 'Setup Windows'));
  const v = await runCli(['validate', file, '--json']);
  assert.equal(v.code, 0, 'validate treats it as a warning');
  const disabled = writeFixture(dir, 'ts2.xml', sequence([setVariable('First', 'A', '1'), '<step type="SMS_TaskSequence_EnableBitLockerAction" name="Setup Windows" disable="true" successCodeList="0"><action>OSDEnableBitLocker.exe</action></step>']));
  assert.equal((await run(workDir(), disabled)).code, 0);
});

test('a missing package is reported at validation time', async () => {
  const dir = workDir();
  const file = writeFixture(dir, 'ts.xml', sequence([command('Needs content', 'setup.exe /q', { packageId: 'LAB00012' })]));
  const r = await run(dir, file);
  assert.equal(r.code, 2);
  assert.ok(last(r.stdout).problems.some((p: { code: string; path: string; message: string }) => p.code === 'missing-package' && p.path === 'Needs content' && /LAB00012/.test(p.message)));
});

test('validate exit codes and JSON', async () => {
  const dir = workDir();
  const good = writeFixture(dir, 'good.xml', sequence([setVariable('A', 'A', '1')]));
  const v = await runCli(['validate', good, '--json']);
  assert.equal(v.code, 0);
  assert.deepEqual({ ...JSON.parse(v.stdout), problems: undefined }, { file: good, valid: true, errors: 0, warnings: 0, problems: undefined });
  const bad = writeFixture(dir, 'bad.xml', '<sequence version="9.99"></sequence>');
  assert.equal((await runCli(['validate', bad])).code, 2);
  assert.equal((await runCli(['validate', join(dir, 'missing.xml')])).code, 2);
  assert.equal((await runCli(['frobnicate'])).code, 2);
  assert.equal((await runCli(['run', good, '--media-type', 'Floppy'])).code, 2);
});

test('a journal from another sequence is refused with a way out', async () => {
  const dir = workDir();
  // The first run's journal is left unfinished: its last record (the end) is torn, as by a crash while writing it.
  const a = writeFixture(dir, 'a.xml', sequence([setVariable('A', 'A', '1'), setVariable('A2', 'A2', '2')]));
  const b = writeFixture(dir, 'b.xml', sequence([setVariable('B', 'B', '1')]));
  assert.equal((await run(dir, a, ['--machine', 'hyperv-vm'])).code, 0);
  const journal = join(dir, 'state', 'journal.tsj');
  truncateSync(journal, statSync(journal).size - 1);
  const r = await run(dir, b, ['--machine', 'hyperv-vm']);
  assert.equal(r.code, 2);
  assert.match(last(r.stdout).message, /belongs to another sequence .*--reset/);
  const again = await run(dir, b, ['--machine', 'hyperv-vm', '--reset']);
  assert.equal(again.code, 0, again.stderr);
});
