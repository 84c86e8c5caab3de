/** Restarts: Restart Computer, SMSTSRebootRequested/SMSTSRetryRequested, runIn mismatches, boot refusal. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { decodeJournal } from '../../engine/index.ts';
import { builtinProfile, runSequenceFile, workDir, writeFixture, writeProfile } from '../support/harness.ts';
import { UEFI_LAYOUT, command, partitionDisk, restart, sequence, setVariable, varCondition } from '../support/sequence-builder.ts';

test('Restart Computer moves between Windows PE and the installed OS; each instance resumes from the journal', async () => {
  const dir = workDir();
  const file = writeFixture(dir, 'ts.xml', sequence([
    setVariable('Before', 'Phase', 'pe'),
    restart('To Windows', 'HD'),
    setVariable('In Windows', 'Phase', 'os-%_SMSTSInWinPE%'),
    restart('Back to PE', 'WinPE'),
    setVariable('In PE again', 'Phase2', 'pe-%_SMSTSInWinPE%'),
  ]));
  const r = await runSequenceFile(file, dir);
  assert.equal(r.code, 0);
  assert.deepEqual(r.report.reboots, [{ afterStep: 1, target: 'HD' }, { afterStep: 3, target: 'WinPE' }]);
  assert.deepEqual(r.report.steps.map((s) => [s.name, s.startedInWinPE]), [['Before', true], ['To Windows', true], ['In Windows', false], ['Back to PE', false], ['In PE again', true]]);
  assert.equal(r.report.variables.Phase, 'os-false');
  assert.equal(r.report.variables.Phase2, 'pe-true');
  assert.equal(r.log.filter((e) => /^Resuming task sequence/.test(e.message)).length, 2);
});

test('a command can ask for a restart and to be run again after it (SMSTSRetryRequested)', async () => {
  const dir = workDir();
  const profile = writeProfile(dir, 'retry', builtinProfile('uefi-desktop'), {
    commands: [
      { match: '^update-bios\\.exe', times: 1, exitCode: 0, reboot: 'WinPE', retry: true },
      { match: '^update-bios\\.exe', exitCode: 0, setVariables: { BiosUpdated: 'yes' } },
    ],
  });
  const file = writeFixture(dir, 'ts.xml', sequence([command('Update firmware', 'update-bios.exe /s'), setVariable('After', 'After', 'done')]));
  const r = await runSequenceFile(file, dir, ['--machine', profile]);
  assert.equal(r.code, 0);
  assert.deepEqual(r.report.steps.map((s) => s.name), ['Update firmware', 'Update firmware', 'After']);
  assert.deepEqual(r.report.reboots, [{ afterStep: 0, target: 'WinPE' }]);
  assert.equal(r.report.variables.BiosUpdated, 'yes');
  assert.equal(r.report.variables.SMSTSRebootRequested, undefined);
});

test('a WinPE-only step reached in the full OS fails, saying how to get there', async () => {
  const dir = workDir();
  const file = writeFixture(dir, 'ts.xml', sequence([restart('To Windows', 'HD'), command('PE work', 'cmd.exe /c exit 0', { runIn: 'WinPE' })]));
  const r = await runSequenceFile(file, dir);
  assert.equal(r.code, 1);
  assert.equal(r.report.steps[1].exitCode, 0x80070032);
  assert.match(r.report.steps[1].reason ?? '', /runs only in Windows PE .*Restart Computer, target WinPE/);
});

test('a full-OS-only step reached in Windows PE fails with a clear reason', async () => {
  const dir = workDir();
  const file = writeFixture(dir, 'ts.xml', sequence([command('OS work', 'cmd.exe /c exit 0', { runIn: 'FullOS' })]));
  const r = await runSequenceFile(file, dir);
  assert.equal(r.code, 1);
  assert.match(r.report.steps[0].reason ?? '', /runs only in the full operating system/);
});

test('a restart the machine cannot do fails the step that asked for it, with the reason', async () => {
  const dir = workDir();
  // A blank disk formatted but holding no Windows: Windows PE keeps its state there, and the disk is not bootable.
  const file = writeFixture(dir, 'ts.xml', sequence([
    partitionDisk('Partition', 'GPT', UEFI_LAYOUT), restart('To Windows', 'HD'), setVariable('Never', 'Never', 'x'),
  ]));
  const r = await runSequenceFile(file, dir, ['--machine', 'hyperv-vm']);
  assert.equal(r.code, 1);
  assert.equal(r.report.status, 'failed');
  const step = r.report.steps.find((s) => s.name === 'To Windows');
  assert.equal(step?.outcome, 'failed');
  assert.match(step?.reason ?? '', /restart to HD was refused: UEFI firmware cannot boot/);
  assert.deepEqual(r.report.reboots, []);
  assert.ok(!r.report.steps.some((s) => s.name === 'Never'));
});

test('SMSTSPostAction runs after the sequence ends', async () => {
  const dir = workDir();
  const file = writeFixture(dir, 'ts.xml', sequence([setVariable('Post', 'SMSTSPostAction', 'shutdown.exe /r /t 30')]));
  const r = await runSequenceFile(file, dir);
  assert.equal(r.code, 0);
  assert.ok(r.log.some((e) => /post action: shutdown\.exe \/r \/t 30/.test(e.message)));
});

test('a run that ended is kept, and running again starts a new deployment', async () => {
  const dir = workDir();
  const file = writeFixture(dir, 'ts.xml', sequence([setVariable('Count', 'Ran', 'once', { condition: varCondition('Ran', 'notExists') })]));
  const first = await runSequenceFile(file, dir);
  const second = await runSequenceFile(file, dir);
  assert.equal(first.report.steps[0].outcome, 'succeeded');
  assert.equal(second.report.steps[0].outcome, 'succeeded');
});

test('a long run compacts its journal and still resumes from it after a restart', async () => {
  const dir = workDir();
  const many = (from: number, n: number) => Array.from({ length: n }, (_, i) => setVariable(`Step ${from + i}`, `V${(from + i) % 5}`, String(from + i)));
  const file = writeFixture(dir, 'ts.xml', sequence([...many(0, 230), restart('Restart', 'HD'), setVariable('Secret', 'Pw', 'Compact-Secret-7', { hidden: true }), ...many(230, 10)]));
  const r = await runSequenceFile(file, dir);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.report.steps.length, 242);
  assert.equal(r.report.variables.V4, '239');
  assert.equal(r.report.variables.Pw, '********');
  const { readFileSync, readdirSync } = await import('node:fs');
  const journal = readFileSync(join(dir, 'state', readdirSync(join(dir, 'state')).find((f) => f.endsWith('.tsj'))!));
  const { records } = decodeJournal(new Uint8Array(journal));
  const kinds = records.map((x) => (x as { t: string }).t);
  assert.deepEqual(kinds.slice(0, 2), ['header', 'checkpoint']);
  assert.ok(kinds.length < 100, `compacted: ${kinds.length} records instead of ~490`);
  assert.ok(!journal.includes('Compact-Secret-7'));
});
