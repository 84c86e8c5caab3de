/** `--status-url`: JSON status events posted to a small in-test server, never blocking the run, never secret. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { runSequenceFile, workDir, writeFixture } from '../support/harness.ts';
import { command, restart, sequence, setVariable } from '../support/sequence-builder.ts';
import { statusEndpoint as endpoint } from '../support/status-endpoint.ts';

const SEQUENCE = sequence([
  setVariable('Remember', 'Note', 'done'),
  command('Use the key', 'tool.exe /key:%AppKey%'),
  restart('Restart', 'WinPE'),
  command('After restart', 'cmd /c exit 0'),
]);

test('run start, step results, the restart and the end are posted in order, without secret values', async () => {
  const server = await endpoint(204);
  try {
    const dir = workDir();
    const file = writeFixture(dir, 'ts.xml', SEQUENCE);
    const r = await runSequenceFile(file, dir, ['--status-url', server.url, '--secret-var', 'AppKey=S3cr3t-Value-9']);
    assert.equal(r.code, 0, r.stderr + r.stdout);
    const kinds = server.bodies.map((b) => b.kind);
    assert.deepEqual(kinds, ['run-start', 'step-result', 'step-result', 'step-result', 'reboot', 'run-start', 'step-result', 'run-end']);
    assert.deepEqual(server.bodies.map((b) => b.seq), [1, 2, 3, 4, 5, 6, 7, 8]);
    const first = server.bodies[0];
    assert.equal(first.format, 'taskseq-status');
    assert.equal(first.version, 1);
    assert.match(String(first.machine), /^MININT-/);
    assert.deepEqual(Object.keys(first.sequence as object).sort(), ['name', 'packageId']);
    assert.equal(server.bodies[2].path, 'Use the key');
    assert.equal(server.bodies[7].status, 'succeeded');
    assert.doesNotMatch(JSON.stringify(server.bodies), /S3cr3t-Value-9/);
  } finally {
    await server.close();
  }
});

test('an endpoint that fails or never answers does not block or fail the run', async () => {
  for (const mode of [500, 'hang'] as const) {
    const server = await endpoint(mode);
    try {
      const dir = workDir();
      const started = Date.now();
      const r = await runSequenceFile(writeFixture(dir, 'ts.xml', SEQUENCE), dir, ['--status-url', server.url]);
      assert.equal(r.code, 0, `${mode}: ${r.stderr}`);
      assert.ok(Date.now() - started < 8000, `${mode}: the run took ${Date.now() - started} ms`);
      if (mode === 500) assert.match(r.logText, /status event run-start to .* was not delivered: HTTP 500/);
    } finally {
      await server.close();
    }
  }
});

test('with SMSTSDisableStatusRetry the first failed event turns reporting off, restarts included', async () => {
  const server = await endpoint(503);
  try {
    const dir = workDir();
    const r = await runSequenceFile(writeFixture(dir, 'ts.xml', SEQUENCE), dir, ['--status-url', server.url, '--var', 'SMSTSDisableStatusRetry=true']);
    assert.equal(r.code, 0);
    assert.equal(server.requests, 3, 'one event: the first try and its two retries');
    assert.deepEqual(server.bodies.map((b) => b.kind), ['run-start', 'run-start', 'run-start']);
    assert.ok(existsSync(join(dir, 'state', 'status-disabled')));
  } finally {
    await server.close();
  }
});
