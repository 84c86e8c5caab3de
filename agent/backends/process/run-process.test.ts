import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { TaskseqError } from '../../../engine/index.ts';
import { MASK } from '../../../variables/index.ts';
import type { ToolEnvironment } from '../../doctor/check-tools.ts';
import { createProcessRunner, runProcess } from './run-process.ts';

/** True while `pid` runs (a zombie waiting for its parent to reap it counts as gone). */
function running(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

/** Waits briefly for `pid` to finish exiting: its output closes a moment before the kernel marks it a zombie. */
async function gone(pid: number): Promise<boolean> {
  for (let i = 0; i < 50 && running(pid); i++) await new Promise((r) => setTimeout(r, 10));
  return !running(pid);
}

/** A machine with no programs at all: every lookup misses. */
const noTools: ToolEnvironment = {
  platform: 'linux', searchPath: ['/nowhere/bin'], isExecutable: () => false,
  output: () => { throw new Error('unscripted version call'); },
};

test('a non-zero exit code is a result, with both outputs captured', async () => {
  const r = await runProcess({ argv: ['sh', '-c', 'echo out; echo err >&2; exit 3'] });
  assert.deepEqual({ ...r, durationMs: 0 }, { exitCode: 3, stdout: 'out\n', stderr: 'err\n', killed: false, durationMs: 0 });
  assert.equal((await runProcess({ argv: ['true'] })).exitCode, 0);
});

test('input is written to standard input, which is then closed; env and cwd reach the program', async () => {
  assert.equal((await runProcess({ argv: ['cat'], input: 'one\ntwo\n' })).stdout, 'one\ntwo\n');
  assert.equal((await runProcess({ argv: ['wc', '-c'], input: new Uint8Array([1, 2, 3]) })).stdout.trim(), '3');
  const r = await runProcess({ argv: ['sh', '-c', 'echo "$TASKSEQ_X"; pwd'], env: { TASKSEQ_X: 'x1' }, cwd: '/tmp' });
  assert.equal(r.stdout, 'x1\n/tmp\n');
  assert.equal((await runProcess({ argv: ['cat'] })).stdout, '', 'no input: standard input is empty, not left open');
});

test('a timeout kills the whole process group, the grandchild too', async () => {
  const pids: string[] = [];
  const r = await runProcess({
    argv: ['sh', '-c', 'sleep 30 & echo $!; sleep 30'], timeoutMs: 200, onLine: (l) => pids.push(l),
  });
  assert.equal(r.killed, true);
  assert.equal(r.exitCode, 128 + 15);
  assert.ok(r.durationMs < 5000, `took ${r.durationMs} ms`);
  const grandchild = Number(pids[0]);
  assert.ok(grandchild > 0, `the shell printed its background pid: ${pids.join(',')}`);
  assert.equal(await gone(grandchild), true, `grandchild ${grandchild} is gone`);
});

test('a group that ignores SIGTERM is killed with SIGKILL after the grace period', async () => {
  const run = createProcessRunner({ killGraceMs: 100 });
  const r = await run({ argv: ['sh', '-c', 'trap "" TERM; sleep 30'], timeoutMs: 100 });
  assert.equal(r.killed, true);
  assert.equal(r.exitCode, 128 + 9);
});

test('aborting kills the group like a timeout; an aborted signal starts nothing', async () => {
  const abort = new AbortController();
  setTimeout(() => abort.abort(), 100);
  const r = await runProcess({ argv: ['sleep', '30'], signal: abort.signal });
  assert.equal(r.killed, true);
  assert.equal(r.exitCode, 143);
  const before = await runProcess({ argv: ['sh', '-c', 'echo ran'], signal: AbortSignal.abort() });
  assert.deepEqual({ ...before, durationMs: 0 }, { exitCode: 143, stdout: '', stderr: '', killed: true, durationMs: 0 });
});

test('lines reach onLine as they arrive, whole even when written in pieces, per stream', async () => {
  const lines: string[] = [];
  await runProcess({
    argv: ['sh', '-c', 'printf "par"; sleep 0.05; printf "tial\\nnext"; echo warn >&2'],
    onLine: (line, stream) => lines.push(`${stream}:${line}`),
  });
  assert.deepEqual(lines.sort(), ['stderr:warn', 'stdout:next', 'stdout:partial']);
});

test('carriage-return redraws arrive as lines while the program still runs; the captured output is unchanged', async () => {
  const seen: Array<{ line: string; at: number }> = [];
  const started = Date.now();
  const script = 'printf "Extracting: 1 MiB of 4 MiB (25%%) done\\rExtracting: 2 MiB of 4 MiB (50%%) done\\r"; sleep 0.4; '
    + 'printf "Extracting: 4 MiB of 4 MiB (100%%) done\\r\\nDone.\\n"';
  const r = await runProcess({ argv: ['sh', '-c', script], onLine: (line) => seen.push({ line, at: Date.now() - started }) });
  assert.deepEqual(seen.map((s) => s.line), [
    'Extracting: 1 MiB of 4 MiB (25%) done', 'Extracting: 2 MiB of 4 MiB (50%) done', 'Extracting: 4 MiB of 4 MiB (100%) done', 'Done.',
  ]);
  assert.ok(seen[2]!.at - seen[1]!.at >= 300, `the first redraws came before the pause (at ${seen[1]!.at} ms, the next at ${seen[2]!.at} ms)`);
  assert.equal(r.stdout, 'Extracting: 1 MiB of 4 MiB (25%) done\rExtracting: 2 MiB of 4 MiB (50%) done\rExtracting: 4 MiB of 4 MiB (100%) done\r\nDone.\n');
});

test('onLine throwing kills the program and the run rejects with that error', async () => {
  const boom = new Error('cannot parse progress');
  await assert.rejects(runProcess({ argv: ['sh', '-c', 'echo x; sleep 30'], onLine: () => { throw boom; } }), (e) => e === boom);
});

test('a missing program is tool-missing naming it and its Debian package', async () => {
  const run = createProcessRunner({ tools: noTools });
  await assert.rejects(run({ argv: ['losetup', '--json'] }), (e: unknown) => {
    assert.ok(e instanceof TaskseqError);
    assert.equal(e.code, 'tool-missing');
    assert.equal(e.message, 'losetup was not found on the PATH (/nowhere/bin): install the Debian package mount (taskseq doctor lists every tool taskseq needs)');
    return true;
  });
  await assert.rejects(runProcess({ argv: ['taskseq-no-such-tool'] }), /taskseq-no-such-tool was not found on the PATH .*: taskseq doctor does not list it/);
  await assert.rejects(runProcess({ argv: ['/nowhere/sfdisk'] }), /\/nowhere\/sfdisk does not exist or is not executable: install the Debian package fdisk/);
});

test('a working folder that is not there is named as such, not as a missing tool', async () => {
  await assert.rejects(runProcess({ argv: ['true'], cwd: '/nowhere/at/all' }),
    (e: unknown) => e instanceof TaskseqError && e.code === 'invalid-input' && /working folder \/nowhere\/at\/all does not exist/.test(e.message));
});

test('the command line is logged before the program starts, secrets masked', async () => {
  const logged: string[] = [];
  const run = createProcessRunner({ log: (l) => logged.push(l) });
  await run({ argv: ['sh', '-c', 'exit 0', 'sh', '--password=hunter2'], secrets: ['hunter2'] });
  assert.deepEqual(logged, [`sh -c 'exit 0' sh '--password=${MASK}'`]);
});
