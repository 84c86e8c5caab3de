import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createFakeContext } from '../test-support/fake-context.ts';
import { createWindowsFake, installation } from '../test-support/windows-fake.ts';
import { prepareClientStep } from './index.ts';

test('removes the identity of an installed client', async () => {
  const windows = createWindowsFake([installation('C:', { configMgrClient: 'installed' })], 'C:');
  const f = createFakeContext({ environment: { inWinPE: false }, windows: windows.port });
  assert.equal((await prepareClientStep.run(f.ctx)).exitCode, 0);
  assert.equal(windows.preparedClients, 1);
  assert.match(f.logText(), /Removed the ConfigMgr client's identity and certificates on C:/);
});

test('without a client there is nothing to prepare, and that is not a failure', async () => {
  const windows = createWindowsFake([installation('C:')], 'C:');
  const f = createFakeContext({ environment: { inWinPE: false }, windows: windows.port });
  assert.equal((await prepareClientStep.run(f.ctx)).exitCode, 0);
  assert.match(f.logText(), /No ConfigMgr client is installed on C:; nothing to prepare/);
});

test('in Windows PE the step fails', async () => {
  const f = createFakeContext({ environment: { inWinPE: true }, windows: createWindowsFake([]).port });
  const r = await prepareClientStep.run(f.ctx);
  assert.equal(r.exitCode, 50);
});
