/**
 * A restart the machine refuses is the failure of the step that asked for it: reported, logged and journalled as
 * such, never as a restart that happened.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeJournal, type JournalRecord } from '../../engine/index.ts';
import { builtinProfile, runSequenceFile, workDir, writeFixture, writeProfile } from '../support/harness.ts';
import { command, group, restart, sequence, setVariable } from '../support/sequence-builder.ts';

/** hyperv-vm has a blank disk: Windows PE keeps the state on X:, so the machine refuses any restart. */
const KEEPS_STATE_ON_X = /cannot restart: the task sequence keeps its state on the Windows PE RAM disk \(X:\)/;
const E_FAIL = 0x80004005;

function journalRecords(dir: string): JournalRecord[] {
  return decodeJournal(readFileSync(join(dir, 'state', 'journal.tsj'))).records as JournalRecord[];
}

test('a restart on a blank disk: Restart Computer fails with the machine\'s reason, no restart is counted, exit 1', async () => {
  const dir = workDir();
  const file = writeFixture(dir, 'ts.xml', sequence([
    setVariable('Before', 'Before', 'yes'),
    restart('Restart into Windows', 'HD'),
    setVariable('Never', 'Never', 'reached'),
  ]));
  const r = await runSequenceFile(file, dir, ['--machine', 'hyperv-vm', '--reset']);
  assert.equal(r.code, 1, r.stderr);
  assert.equal(r.report.status, 'failed');
  assert.deepEqual(r.report.reboots, []);
  assert.equal(r.report.variables.Never, undefined, 'the step after the refused restart does not run');
  const step = r.report.steps.find((s) => s.type === 'SMS_TaskSequence_RebootAction')!;
  assert.equal(step.outcome, 'failed');
  assert.equal(step.exitCode, E_FAIL);
  assert.match(step.reason ?? '', /^the restart to HD was refused: /);
  assert.match(step.reason ?? '', KEEPS_STATE_ON_X);
  assert.equal(r.report.variables._SMSTSLastActionSucceeded, 'false');
  assert.equal(r.report.variables._SMSTSLastActionRetCode, String(E_FAIL));
  assert.equal(r.report.message, undefined, 'the run ended through the step failure, not through a failed restart');
  const errors = r.log.filter((e) => e.type === 3).map((e) => e.message);
  assert.ok(errors.some((m) => /^The restart to HD that the action \(Restart into Windows\) requested was refused: /.test(m) && KEEPS_STATE_ON_X.test(m)));
  assert.ok(errors.some((m) => /^Failed to run the action: Restart into Windows\. Exit code 2147500037: the restart to HD was refused/.test(m)));
  assert.ok(!r.log.some((e) => /^Restarting to /.test(e.message)), 'no restart is logged');
  assert.equal(r.log.at(-1)?.message, 'Task sequence completed 0x80004005');
  const kinds = journalRecords(dir).map((x) => x.t);
  assert.ok(!kinds.includes('reboot') && !kinds.includes('booted'), `journal: ${kinds.join(' ')}`);
  assert.equal(kinds.at(-1), 'end');
});

test('continue on error does not catch a refused restart: the sequence fails, as ConfigMgr fails it', async () => {
  const dir = workDir();
  const file = writeFixture(dir, 'ts.xml', sequence([
    restart('Try to restart', 'HD', { continueOnError: true }),
    setVariable('Look back', 'Seen', '%_SMSTSLastActionSucceeded%'),
  ]));
  const r = await runSequenceFile(file, dir, ['--machine', 'hyperv-vm']);
  assert.equal(r.code, 1, r.stderr);
  assert.equal(r.report.status, 'failed');
  assert.deepEqual(r.report.steps.map((s) => [s.name, s.outcome]), [['Try to restart', 'failed']]);
  assert.match(r.report.steps[0]!.reason ?? '', KEEPS_STATE_ON_X);
  assert.deepEqual(r.report.reboots, []);
  assert.equal(r.report.variables.SMSTSRebootRequested, undefined, 'the refused request is cleared');
  assert.ok(r.log.some((e) => e.type === 2 && e.message === 'The action (Try to restart) failed because its restart was refused; continue on error does not apply to a refused restart'));
  assert.ok(!journalRecords(dir).some((x) => x.t === 'reboot'));
});

test('a command that asks for a refused restart (SMSTSRebootRequested) fails the sequence, even in a group that continues on error', async () => {
  const dir = workDir();
  const profile = writeProfile(dir, 'asks-restart', builtinProfile('hyperv-vm'), {
    commands: [{ match: '^update-bios\\.exe', exitCode: 0, reboot: 'HD', retry: true }],
  });
  const file = writeFixture(dir, 'ts.xml', sequence([
    group('Firmware', [command('Update firmware', 'update-bios.exe /s'), setVariable('Skipped', 'Skipped', 'no')], { continueOnError: true }),
    setVariable('After', 'After', 'done'),
  ]));
  const r = await runSequenceFile(file, dir, ['--machine', profile]);
  assert.equal(r.code, 1, r.stderr);
  assert.deepEqual(r.report.steps.map((s) => [s.name, s.outcome]), [['Update firmware', 'failed']]);
  assert.equal(r.report.steps[0]!.exitCode, E_FAIL);
  assert.match(r.report.steps[0]!.reason ?? '', KEEPS_STATE_ON_X);
  assert.deepEqual(r.report.reboots, []);
  assert.equal(r.report.variables.SMSTSRetryRequested, undefined);
  assert.ok(r.log.some((e) => e.message === 'The execution of the group (Firmware) has failed and the execution has been aborted'));
});

test('a restart that can happen still happens (the check changes nothing)', async () => {
  const dir = workDir();
  const file = writeFixture(dir, 'ts.xml', sequence([restart('To Windows', 'HD'), setVariable('After', 'Where', '%_SMSTSInWinPE%')]));
  const r = await runSequenceFile(file, dir, ['--machine', 'uefi-desktop']);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(r.report.reboots, [{ afterStep: 0, target: 'HD' }]);
  assert.equal(r.report.variables.Where, 'false');
});
