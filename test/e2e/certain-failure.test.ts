/**
 * A step certain to fail is an invalid sequence only when its failure would end the run: under continue on error
 * (the step's own or an enclosing group's) `validate` warns, and `run` fails the step as ConfigMgr would and goes on.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { runCli, runSequenceFile, workDir, writeFixture } from '../support/harness.ts';
import { command, group, restart, sequence, setupWindows, setVariable } from '../support/sequence-builder.ts';

type Problem = { severity: string; code: string; message: string; path?: string; field?: string };
type Run = Awaited<ReturnType<typeof runSequenceFile>>;

const writesInWinPE = (name: string, o: { continueOnError?: boolean } = {}) => setVariable(name, '_SMSTSInWinPE', 'false', o);
/** Records what the step before it left in `_SMSTSLastAction*`. */
const record = setVariable('Record', 'Seen', '%_SMSTSLastActionSucceeded% %_SMSTSLastActionRetCode%');
const ran = (r: Run) => r.report.steps.map((s) => `${s.name}:${s.outcome}`);
const step = (r: Run, name: string) => r.report.steps.find((s) => s.name === name)!;

async function validate(file: string, extra: string[] = []): Promise<{ code: number; problems: Problem[] }> {
  const r = await runCli(['validate', file, '--json', ...extra]);
  return { code: r.code, problems: JSON.parse(r.stdout.trim().split('\n').pop()!).problems };
}

test('validate: a continue-on-error write to a read-only variable is a warning naming the step path and field', async () => {
  const dir = workDir();
  const v = await validate(writeFixture(dir, 'ts.xml', sequence([group('Build', [writesInWinPE('Mark PE', { continueOnError: true })]), setVariable('Next', 'A', '1')])));
  assert.equal(v.code, 0);
  assert.deepEqual(v.problems.map((p) => [p.severity, p.code, p.path, p.field]), [['warning', 'read-only-variable', 'Build/Mark PE', 'VariableName']]);
  assert.match(v.problems[0].message, /_SMSTSInWinPE.*the step continues on error, so a run fails it \(exit code 5\) and goes on/);
});

test('validate: the same write without continue on error is an error (exit 2)', async () => {
  const dir = workDir();
  const v = await validate(writeFixture(dir, 'ts.xml', sequence([writesInWinPE('Mark PE'), setVariable('Next', 'A', '1')])));
  assert.equal(v.code, 2);
  assert.deepEqual(v.problems.map((p) => [p.severity, p.code, p.path]), [['error', 'read-only-variable', 'Mark PE']]);
});

test('validate: inside a group that continues on error it is a warning', async () => {
  const dir = workDir();
  const v = await validate(writeFixture(dir, 'ts.xml', sequence([group('Try', [group('Inner', [writesInWinPE('Mark PE')])], { continueOnError: true })])));
  assert.equal(v.code, 0);
  assert.deepEqual(v.problems.map((p) => [p.severity, p.path]), [['warning', 'Try/Inner/Mark PE']]);
  assert.match(v.problems[0].message, /the group Try continues on error/);
});

test('run: the step fails without running, _SMSTSLastAction* say so, the next step runs and the run succeeds', async () => {
  const dir = workDir();
  const r = await runSequenceFile(writeFixture(dir, 'ts.xml', sequence([writesInWinPE('Mark PE', { continueOnError: true }), record])), dir);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.report.status, 'succeeded');
  assert.deepEqual(ran(r), ['Mark PE:failed', 'Record:succeeded']);
  assert.equal(step(r, 'Mark PE').exitCode, 5);
  assert.equal(r.report.variables.Seen, 'false 5');
  assert.equal(r.report.variables._SMSTSInWinPE, 'true');
  assert.match(r.stderr, /warning \[read-only-variable\] Mark PE: VariableName: .*the step continues on error/);
  assert.ok(r.log.some((e) => e.type === 3 && /Failed to run the action: Mark PE\. Exit code 5: VariableName: .*_SMSTSInWinPE/.test(e.message)), r.logText);
});

test('run: in a group that continues on error the rest of the group is skipped and the run goes on after it', async () => {
  const dir = workDir();
  const file = writeFixture(dir, 'ts.xml', sequence([
    group('Try', [writesInWinPE('Mark PE'), setVariable('Rest of group', 'Rest', 'yes')], { continueOnError: true }),
    record,
  ]));
  const r = await runSequenceFile(file, dir);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(ran(r), ['Mark PE:failed', 'Record:succeeded']);
  assert.equal(r.report.variables.Rest, undefined);
  assert.equal(r.report.variables.Seen, 'false 5');
  assert.ok(r.log.some((e) => /The execution of the group \(Try\) has failed/.test(e.message)), r.logText);
});

test('run: an option the step refuses (a restart target that is not HD or WinPE) under continue on error', async () => {
  const dir = workDir();
  const bad = restart('Restart', 'Floppy' as 'HD', { continueOnError: true });
  const file = writeFixture(dir, 'ts.xml', sequence([bad, record]));
  assert.equal((await validate(file)).code, 0);
  assert.equal((await validate(writeFixture(dir, 'strict.xml', sequence([restart('Restart', 'Floppy' as 'HD'), record])))).code, 2);
  const r = await runSequenceFile(file, dir);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(ran(r), ['Restart:failed', 'Record:succeeded']);
  assert.equal(r.report.variables.Seen, 'false 87');
  assert.deepEqual(r.report.reboots, []);
});

test('run: a step type this version cannot run yet fails under continue on error and the run goes on', async () => {
  const dir = workDir();
  const bitLocker = '<step type="SMS_TaskSequence_EnableBitLockerAction" name="BitLocker" continueOnError="true" successCodeList="0"><action>OSDEnableBitLocker.exe</action></step>';
  const r = await runSequenceFile(writeFixture(dir, 'ts.xml', sequence([bitLocker, record])), dir);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(ran(r), ['BitLocker:failed', 'Record:succeeded']);
  assert.equal(r.report.variables.Seen, 'false 50');
});

test('run: a step taskseq refuses on purpose (Convert Disk to Dynamic) fails under continue on error', async () => {
  const dir = workDir();
  const convert = '<step type="SMS_TaskSequence_ConvertDiskAction" name="Dynamic" continueOnError="true" successCodeList="0"><action>osddiskpart.exe convert 0</action><defaultVarList><variable name="OSDConvertDiskIndex" property="DiskIndex">0</variable></defaultVarList></step>';
  const r = await runSequenceFile(writeFixture(dir, 'ts.xml', sequence([convert, record])), dir);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(ran(r), ['Dynamic:failed', 'Record:succeeded']);
  assert.equal(r.report.variables.Seen, 'false 50');
});

test('run: a missing package fails the step that needs it under continue on error, and is not staged', async () => {
  const dir = workDir();
  const file = writeFixture(dir, 'ts.xml', sequence([command('Install', 'setup.exe /q', { packageId: 'LAB00012', continueOnError: true }), record], { references: ['LAB00012'] }));
  const r = await runSequenceFile(file, dir);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(ran(r), ['Install:failed', 'Record:succeeded']);
  assert.equal(r.report.variables.Seen, `false ${0x80070002}`);
  assert.match(r.stderr, /warning \[missing-package\] Install: package: package LAB00012 is needed by Install/);
  assert.doesNotMatch(r.logText, /Staging/);
});

test('run: Setup Windows ignores its own continue on error, so its missing client package stops the run', async () => {
  const dir = workDir();
  const file = writeFixture(dir, 'ts.xml', sequence([setupWindows('Setup Windows', { clientPackage: 'LAB00077', continueOnError: true }), record]));
  const r = await runCli(['run', file, '--json', '--state-dir', join(dir, 'state'), '--log-dir', join(dir, 'logs')]);
  assert.equal(r.code, 2);
  const problems = JSON.parse(r.stdout.trim().split('\n').pop()!).problems as Problem[];
  assert.ok(problems.some((p) => p.severity === 'error' && p.code === 'missing-package' && p.path === 'Setup Windows'), JSON.stringify(problems));
});

test('stand-alone media: a site-only step under continue on error is a warning, and the run fails only that step', async () => {
  const dir = workDir();
  const drivers = '<step type="SMS_TaskSequence_AutoApplyAction" name="Auto drivers" runIn="WinPE" continueOnError="true" successCodeList="0"><action>osddriverclient.exe /auto</action></step>';
  const file = writeFixture(dir, 'ts.xml', sequence([drivers, record]));
  const v = await validate(file, ['--media-type', 'FullMedia']);
  assert.equal(v.code, 0);
  assert.ok(v.problems.some((p) => p.severity === 'warning' && p.code === 'unsupported-on-standalone-media' && p.path === 'Auto drivers'), JSON.stringify(v.problems));
  const r = await runSequenceFile(file, dir, ['--media-type', 'FullMedia']);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(ran(r), ['Auto drivers:failed', 'Record:succeeded']);
  assert.equal(r.report.variables.Seen, 'false 50');
});
