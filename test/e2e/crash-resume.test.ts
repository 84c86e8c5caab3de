/**
 * Kills the agent (SIGKILL, a real crash) at every durable checkpoint of a 30+ step run with two restarts, and in the
 * middle of every command step, then resumes; every resume must end with exactly the variables, status and machine
 * state of an uninterrupted run, and no secret may reach the state folder in clear.
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { builtinProfile, runSequenceFile, workDir, writeFixture, writeProfile, type HarnessRun } from '../support/harness.ts';
import { command, group, restart, sequence, setVariable, varCondition } from '../support/sequence-builder.ts';

import { writeFileSync } from 'node:fs';
import { bundleCli } from '../../agent/build/bundle.ts';

// Dozens of real processes are killed here: they run a bundle of the current sources (built once, in a temporary
// folder) so that each start takes a fraction of a second.
let CLI = '';
before(async () => {
  const dir = workDir('crash-bundle-');
  await bundleCli(dir);
  CLI = join(dir, 'run.mjs');
  writeFileSync(CLI, "import { main } from './main.js';\nprocess.exitCode = await main(process.argv.slice(2));\n");
});
const SECRET = 'TopSecret-4711';

function buildSequence(): string {
  const trail = (phase: string, n: number) => Array.from({ length: n }, (_, i) => setVariable(`${phase} ${i + 1}`, 'Trail', `%Trail%-${phase}${i + 1}`));
  return sequence([
    setVariable('Start', 'Trail', 'start'),
    group('Windows PE', [
      ...trail('pe', 6),
      command('Tool A', 'tool-a.exe /run', { retryCount: 1 }),
      setVariable('Secret', 'ServicePassword', SECRET, { hidden: true }),
      setVariable('Uses secret', 'ConnectString', 'user:%ServicePassword%'),
      command('Never in PE', 'cmd.exe /c exit 0', { condition: varCondition('_SMSTSInWinPE', 'equals', 'false') }),
      restart('To Windows', 'HD'),
    ], { condition: varCondition('_SMSTSInWinPE', 'equals', 'true') }),
    group('Windows', [
      ...trail('os', 6),
      command('Tool B', 'tool-b.exe', { retryCount: 1 }),
      group('Optional', [command('Fails', 'cmd.exe /c exit 1603', { retryCount: 1 }), setVariable('Not reached', 'NotReached', 'x')], { continueOnError: true }),
      setVariable('Record code', 'OptionalCode', '%_SMSTSLastActionRetCode%'),
      restart('Back to PE', 'WinPE'),
    ], { condition: varCondition('_SMSTSInWinPE', 'equals', 'false') }),
    ...trail('end', 11),
    command('Final tool', 'tool-c.exe', { retryCount: 1 }),
  ], { globals: { Site: 'LAB' } });
}

function runChild(args: string[], env: Record<string, string>): Promise<{ signal: NodeJS.Signals | null; code: number | null }> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [CLI, ...args], { env: { ...process.env, ...env } }, () => {});
    child.on('exit', (code, signal) => resolve({ code, signal }));
  });
}

/**
 * Every file a run wrote, except sparse data: disk images (only partition tables, hundreds of GB when read) and
 * the profile's large seed files on the volumes.
 */
function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? filesUnder(join(dir, n)) : n.endsWith('.img') || statSync(join(dir, n)).size > 64 * 1024 * 1024 ? [] : [join(dir, n)]));
}

function finalMachine(dir: string): unknown {
  const m = JSON.parse(readFileSync(join(dir, 'state', 'final-machine.json'), 'utf8'));
  return { inWinPE: m.environment.inWinPE };
}

test('every crash point resumes to the same end state', { timeout: 240_000 }, async (t) => {
  const base = workDir('crash-');
  const file = writeFixture(base, 'ts.xml', buildSequence());
  const profile = writeProfile(base, 'crashy', builtinProfile('uefi-desktop'), {
    commands: [
      { match: '^tool-a\\.exe', setVariables: { ToolA: 'done' } },
      { match: '^tool-b\\.exe', setVariables: { ToolB: 'done' } },
      { match: '^tool-c\\.exe', exitCode: 3010 },
    ],
  });
  const reference = await runSequenceFile(file, workDir('crash-ref-'), ['--machine', profile]);
  assert.equal(reference.report.status, 'succeeded');
  const executed = reference.report.steps.filter((s) => s.outcome !== 'skipped' && s.outcome !== 'disabled').length;
  assert.ok(executed >= 30, `the run executes ${executed} steps`);
  assert.equal(reference.report.reboots.length, 2);

  const points: Array<Record<string, string>> = [];
  for (let n = 1; n <= 200; n++) points.push({ TASKSEQ_TEST_KILL_AFTER_APPENDS: String(n) });
  for (let n = 1; n <= 5; n++) points.push({ TASKSEQ_TEST_KILL_AFTER_COMMANDS: String(n) });
  let crashes = 0;
  let appendPointsExhausted = false;
  for (let i = 0; i < points.length; i += 2) {
    const batch = points.slice(i, i + 2).filter((p) => !(appendPointsExhausted && p.TASKSEQ_TEST_KILL_AFTER_APPENDS));
    const results = await Promise.all(batch.map(async (env) => {
      const dir = workDir('crash-n-');
      const r = await runChild(['run', file, '--json', '--machine', profile, '--state-dir', join(dir, 'state'), '--log-dir', join(dir, 'logs')], env);
      return { env, dir, r };
    }));
    for (const { env, dir, r } of results) {
      if (r.signal !== 'SIGKILL') {
        // Past the last checkpoint: the child finished normally.
        assert.equal(r.code, 0, `child with ${JSON.stringify(env)} exited ${r.code}`);
        if (env.TASKSEQ_TEST_KILL_AFTER_APPENDS) appendPointsExhausted = true;
        continue;
      }
      crashes++;
      const resumed: HarnessRun = await runSequenceFile(file, dir, ['--machine', profile]);
      const where = JSON.stringify(env);
      assert.equal(resumed.report.status, 'succeeded', `${where}: ${resumed.stderr}`);
      assert.deepEqual(resumed.report.variables, reference.report.variables, where);
      assert.deepEqual(finalMachine(dir), finalMachine(reference.dir), where);
      for (const f of filesUnder(dir)) assert.ok(!readFileSync(f).includes(SECRET), `${where}: secret in clear in ${f}`);
    }
    if (appendPointsExhausted && i > 210) break;
  }
  assert.ok(appendPointsExhausted, 'the run has fewer than 200 checkpoints');
  t.diagnostic(`${executed} steps executed, ${crashes} crash points resumed`);
  assert.ok(crashes >= 60, `crashed at ${crashes} points`);
});

test('a command step interrupted without retryCount fails as aborted instead of running twice', { timeout: 30_000 }, async () => {
  const dir = workDir('crash-once-');
  const file = writeFixture(dir, 'ts.xml', sequence([command('Not safe twice', 'installer.exe'), setVariable('After', 'After', 'x')]));
  const r = await runChild(['run', file, '--json', '--state-dir', join(dir, 'state'), '--log-dir', join(dir, 'logs')], { TASKSEQ_TEST_KILL_AFTER_COMMANDS: '1' });
  assert.equal(r.signal, 'SIGKILL');
  const resumed = await runSequenceFile(file, dir);
  assert.equal(resumed.report.status, 'failed');
  assert.equal(resumed.report.steps[0].exitCode, 0x80004004);
  assert.match(resumed.report.steps[0].reason ?? '', /interrupted by an unexpected restart/);
});
