/**
 * One run per state folder, with real `taskseq run` processes: a second run while the first holds the folder is
 * refused (exit 2, naming the folder and the pid), the first runs its sequence exactly once; a lock left by a process
 * that is gone is taken over with a warning; a run ended by SIGTERM releases its lock.
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { bundleCli } from '../../agent/build/bundle.ts';
import { decodeJournal } from '../../engine/index.ts';
import { runSequenceFile, workDir, writeFixture } from '../support/harness.ts';
import { command, sequence, setVariable } from '../support/sequence-builder.ts';

// Real processes, started from a bundle of the current sources (built once) so that each start is quick.
let CLI = '';
before(async () => {
  const dir = workDir('lock-bundle-');
  await bundleCli(dir);
  CLI = join(dir, 'run.mjs');
  writeFileSync(CLI, "import { main } from './main.js';\nprocess.exitCode = await main(process.argv.slice(2));\n");
});

interface Child { process: ChildProcess; done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> }

function start(args: string[]): Child {
  let stdout = '';
  let stderr = '';
  const child = execFile(process.execPath, [CLI, ...args], { maxBuffer: 64 * 1024 * 1024 }, () => {});
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  return { process: child, done: new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }))) };
}

async function until(what: string, check: () => boolean, ms = 30_000): Promise<void> {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 5))) if (check()) return;
  assert.fail(`timed out waiting for ${what}`);
}

/** A sequence long enough that a run is still going when the test looks at it (commands: a signal is handled there). */
function longSequence(dir: string): string {
  return writeFixture(dir, 'ts.xml', sequence(Array.from({ length: 150 }, (_, i) => (i % 2 ? command(`Step ${i + 1}`, `tool.exe ${i + 1}`) : setVariable(`Step ${i + 1}`, 'Trail', `%Trail%.${i + 1}`)))));
}

/** The lock file holds its owner, and the run has begun its journal. */
const running = (state: string) => (): boolean => {
  try {
    return existsSync(join(state, 'journal.tsj')) && readFileSync(join(state, 'run.lock'), 'utf8').endsWith('\n');
  } catch {
    return false;
  }
};

test('a second run on a state folder in use is refused naming the folder and pid; the first runs once', { timeout: 120_000 }, async () => {
  const dir = workDir('lock-');
  const file = longSequence(dir);
  const state = join(dir, 'state');
  const args = (logs: string) => ['run', file, '--json', '--state-dir', state, '--log-dir', join(dir, logs), '--machine', 'bios-desktop'];
  const first = start(args('logs-1'));
  await until('the first run to take the lock', running(state));
  // Held still, the first run certainly overlaps the second, however fast this machine is.
  first.process.kill('SIGSTOP');
  const lock = JSON.parse(readFileSync(join(state, 'run.lock'), 'utf8'));
  assert.deepEqual([lock.pid, lock.host], [first.process.pid, hostname()]);
  assert.ok(!Number.isNaN(Date.parse(lock.started)));
  const second = await start(args('logs-2')).done;
  first.process.kill('SIGCONT');
  assert.equal(second.code, 2, second.stdout + second.stderr);
  const refusal = JSON.parse(second.stdout.trim().split('\n').pop()!);
  assert.equal(refusal.message, `the state folder ${state} is in use by process ${first.process.pid} on ${hostname()} (started ${lock.started}): only one run at a time may use a state folder. Wait for it to end, or give another --state-dir; if that process is certainly gone, delete ${join(state, 'run.lock')}`);
  assert.equal(existsSync(join(dir, 'logs-2')), false, 'the refused run wrote no log');

  const ran = await first.done;
  assert.equal(ran.code, 0, ran.stderr);
  const report = JSON.parse(ran.stdout.trim().split('\n').pop()!);
  assert.equal(report.steps.length, 150);
  assert.equal(report.variables.Trail, '%Trail%' + Array.from({ length: 75 }, (_, i) => `.${2 * i + 1}`).join(''));
  const records = decodeJournal(readFileSync(join(state, 'journal.tsj'))).records as Array<{ t: string }>;
  assert.equal(records.filter((r) => r.t === 'end').length, 1);
  assert.equal(records.filter((r) => r.t === 'start').length, 150, 'every step ran once');
  assert.equal(existsSync(join(state, 'run.lock')), false, 'released at the end');
});

test('a lock left by a process that is gone is taken over with a warning', async () => {
  const dir = workDir('lock-');
  const file = writeFixture(dir, 'ts.xml', sequence([setVariable('One', 'A', '1')]));
  const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  const pid = Number(gone.stdout);
  const state = join(dir, 'state');
  const first = await runSequenceFile(file, dir, ['--machine', 'bios-desktop']);
  assert.equal(first.code, 0, first.stderr);
  writeFileSync(join(state, 'run.lock'), JSON.stringify({ pid, host: hostname(), started: '2026-01-01T00:00:00.000Z' }) + '\n');
  const r = await runSequenceFile(file, dir, ['--machine', 'bios-desktop']);
  assert.equal(r.code, 0, r.stderr);
  const line = `Took over the lock of the state folder ${state}: process ${pid} is no longer running`;
  assert.ok(r.stderr.includes(`warning: ${line}`), r.stderr);
  assert.ok(r.logText.includes(line), 'the warning is in the log too');
  assert.equal(existsSync(join(state, 'run.lock')), false);
});

test('a run ended by SIGTERM releases its lock and ends by that signal', { timeout: 60_000 }, async () => {
  const dir = workDir('lock-');
  const state = join(dir, 'state');
  const child = start(['run', longSequence(dir), '--json', '--state-dir', state, '--log-dir', join(dir, 'logs'), '--machine', 'bios-desktop']);
  await until('the run to take the lock', running(state));
  child.process.kill('SIGTERM');
  const ended = await child.done;
  assert.equal(ended.signal, 'SIGTERM', 'the signal still ends the run (at its next command)');
  const records = decodeJournal(readFileSync(join(state, 'journal.tsj'))).records as Array<{ t: string }>;
  assert.ok(!records.some((r) => r.t === 'end'), 'ended before the sequence did');
  assert.equal(existsSync(join(state, 'run.lock')), false);
});
