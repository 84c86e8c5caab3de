import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TaskseqError } from '../../../engine/index.ts';
import { createLocalProcessRunner } from './local-runner.ts';

test('on Linux the POSIX runner is chosen: it runs argv and refuses a Windows command line and Run As', async () => {
  const run = createLocalProcessRunner({}, 'linux');
  assert.equal((await run({ argv: ['sh', '-c', 'exit 3'] })).exitCode, 3);
  await assert.rejects(run({ argv: [], line: 'cmd.exe /c exit 3010' }), (e: unknown) =>
    e instanceof TaskseqError && e.code === 'unsupported' && /cannot run through the POSIX process runner/.test(e.message));
  await assert.rejects(run({ argv: ['true'], runAs: { user: 'svc', password: 'pw-secret' } }), (e: unknown) =>
    e instanceof TaskseqError && e.code === 'unsupported' && /not supported by the POSIX process runner/.test(e.message) && !e.message.includes('pw-secret'));
});

test('on Windows the Windows runner is chosen', async () => {
  // It looks programs up as Windows paths, which this Linux machine does not have.
  const run = createLocalProcessRunner({}, 'win32');
  await assert.rejects(run({ argv: ['C:\\Windows\\System32\\cmd.exe'] }), /C:\\Windows\\System32\\cmd.exe does not exist/);
});
