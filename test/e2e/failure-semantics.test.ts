/** Failure propagation, continue-on-error and exit codes, run end to end on the simulated machine. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { builtinProfile, runSequenceFile, workDir, writeFixture, writeProfile } from '../support/harness.ts';
import { command, group, sequence, setVariable, varCondition, wmiCondition } from '../support/sequence-builder.ts';

const ran = (r: Awaited<ReturnType<typeof runSequenceFile>>) => r.report.steps.map((s) => `${s.name}:${s.outcome}`);

test('a failure travels to the nearest group that continues on error (the documented worked example)', async () => {
  const dir = workDir();
  // Group1 (continue on error) { S1 (continue on error) fails, S2 fails, S3 }, Group2 { S4 fails, S5 }:
  // S1 fails -> S2 runs; S2 fails -> S3 is not run, Group2 runs; S4 fails -> the sequence fails with S4's code.
  const file = writeFixture(dir, 'ts.xml', sequence([
    group('Group1', [
      command('S1', 'cmd.exe /c exit 11', { continueOnError: true }),
      command('S2', 'cmd.exe /c exit 12'),
      command('S3', 'cmd.exe /c exit 0'),
    ], { continueOnError: true }),
    group('Group2', [command('S4', 'cmd.exe /c exit 14'), command('S5', 'cmd.exe /c exit 0')]),
  ]));
  const r = await runSequenceFile(file, dir);
  assert.equal(r.code, 1);
  assert.equal(r.report.status, 'failed');
  assert.equal(r.report.exitCode, 14);
  assert.deepEqual(ran(r), ['S1:failed', 'S2:failed', 'S4:failed']);
  assert.equal(r.report.variables._SMSTSLastActionName, 'S4');
  assert.equal(r.report.variables._SMSTSLastActionRetCode, '14');
  assert.equal(r.report.variables._SMSTSLastActionSucceeded, 'false');
  assert.ok(r.log.some((e) => e.type === 3 && /The execution of the group \(Group2\) has failed/.test(e.message)));
});

test('an error-handler group runs on _SMSTSLastActionSucceeded=false after a caught failure', async () => {
  const dir = workDir();
  const file = writeFixture(dir, 'ts.xml', sequence([
    group('Try', [command('Fails', 'cmd.exe /c exit 5'), setVariable('Not reached', 'Reached', 'yes')], { continueOnError: true }),
    group('Catch', [setVariable('Record', 'FailedCode', '%_SMSTSLastActionRetCode%')], { condition: varCondition('_SMSTSLastActionSucceeded', 'equals', 'false') }),
  ]));
  const r = await runSequenceFile(file, dir);
  assert.equal(r.code, 0);
  assert.equal(r.report.status, 'succeeded');
  assert.equal(r.report.variables.FailedCode, '5');
  assert.equal(r.report.variables.Reached, undefined);
});

test('success codes decide, and skipped steps leave _SMSTSLastAction* alone', async () => {
  const dir = workDir();
  const file = writeFixture(dir, 'ts.xml', sequence([
    command('Reboot pending', 'cmd.exe /c exit 3010'),
    command('Custom code', 'cmd.exe /c exit 42', { successCodes: '0 42' }),
    command('Skipped', 'cmd.exe /c exit 1', { condition: varCondition('Nope', 'exists') }),
    command('Disabled', 'cmd.exe /c exit 1', { disable: true }),
  ]));
  const r = await runSequenceFile(file, dir);
  assert.equal(r.code, 0);
  assert.deepEqual(ran(r), ['Reboot pending:succeeded', 'Custom code:succeeded', 'Skipped:skipped', 'Disabled:disabled']);
  assert.equal(r.report.variables._SMSTSLastActionName, 'Custom code');
  assert.equal(r.report.variables._SMSTSLastActionRetCode, '42');
  const skip = r.report.steps.find((s) => s.name === 'Skipped')!;
  assert.match(skip.reason ?? '', /Nope exists/);
});

test('a disabled or false group skips everything inside it', async () => {
  const dir = workDir();
  const file = writeFixture(dir, 'ts.xml', sequence([
    group('Off', [command('A', 'cmd.exe /c exit 0')], { disable: true }),
    group('False', [command('B', 'cmd.exe /c exit 0'), group('Inner', [command('C', 'cmd.exe /c exit 0')])], { condition: varCondition('_SMSTSMediaType', 'equals', 'FullMedia') }),
  ]));
  const r = await runSequenceFile(file, dir);
  assert.deepEqual(ran(r), ['A:disabled', 'B:skipped', 'C:skipped']);
  assert.match(r.report.steps[1].reason ?? '', /_SMSTSMediaType equals "FullMedia" \(value: "PXE"\)/);
  assert.ok(r.log.some((e) => /The group \(False\) has been skipped/.test(e.message)));
});

test('a step that runs past its timeout fails with ERROR_TIMEOUT (1460)', async () => {
  const dir = workDir();
  const profile = writeProfile(dir, 'slow', builtinProfile('uefi-desktop'), { commands: [{ match: '^slow\\.exe', durationSeconds: 3600 }] });
  const file = writeFixture(dir, 'ts.xml', sequence([command('Slow', 'slow.exe', { timeout: 60, continueOnError: true }), setVariable('After', 'After', 'ran')]));
  const r = await runSequenceFile(file, dir, ['--machine', profile]);
  assert.equal(r.report.steps[0].exitCode, 1460);
  assert.equal(r.report.steps[0].outcome, 'failed');
  assert.equal(r.report.variables.After, 'ran');
});

test('local defaults from defaultVarList lose to a global of the same name', async () => {
  const dir = workDir();
  const file = writeFixture(dir, 'ts.xml', sequence([
    setVariable('Override the command line', 'CommandLine', 'cmd.exe /c exit 7'),
    command('Uses CommandLine', 'cmd.exe /c exit 0', { continueOnError: true }),
  ]));
  const r = await runSequenceFile(file, dir);
  assert.equal(r.report.steps[1].exitCode, 7);
});

test('unscripted commands are warnings, or failures with --strict-commands', async () => {
  const dir = workDir();
  const file = writeFixture(dir, 'ts.xml', sequence([command('Unknown tool', 'tool.exe /x')]));
  const lax = await runSequenceFile(file, dir);
  assert.equal(lax.code, 0);
  assert.ok(lax.log.some((e) => e.type === 2 && /not scripted/.test(e.message)));
  const strict = await runSequenceFile(file, workDir(), ['--strict-commands']);
  assert.equal(strict.code, 1);
  assert.equal(strict.report.steps[0].exitCode, 2);
});

test('a WMI condition the machine cannot answer fails the step, naming the query (never silently true)', async () => {
  const dir = workDir();
  const file = writeFixture(dir, 'ts.xml', sequence([
    command('Needs TPM facts', 'cmd.exe /c exit 0', { condition: wmiCondition('SELECT * FROM Win32_Tpm WHERE IsEnabled_InitialValue = TRUE'), continueOnError: true }),
    setVariable('After', 'After', 'ran'),
  ]));
  const r = await runSequenceFile(file, dir);
  assert.equal(r.code, 0);
  assert.equal(r.report.steps[0].outcome, 'failed');
  assert.match(r.report.steps[0].reason ?? '', /could not be evaluated: .*Win32_Tpm/);
  assert.equal(r.report.variables.After, 'ran');
});
