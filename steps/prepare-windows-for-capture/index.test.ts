import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createFakeContext } from '../test-support/fake-context.ts';
import { engineResult } from '../test-support/engine-result.ts';
import { createWindowsFake, installation } from '../test-support/windows-fake.ts';
import type { WindowsInstallation } from '../../engine/step-api.ts';
import { prepareWindowsStep } from './index.ts';
import { validatePrepareWindows } from './validate.ts';

function setup(w: WindowsInstallation, o: { inWinPE?: boolean; shutdown?: string; keep?: string } = {}) {
  const windows = createWindowsFake([w], 'C:');
  const f = createFakeContext({
    environment: { inWinPE: o.inWinPE ?? false }, windows: windows.port,
    node: { type: 'SMS_TaskSequence_PrepareOSAction', defaultVarList: [
      { name: 'OSDKeepActivation', property: 'KeepActivation', value: o.keep ?? 'false' },
      { name: 'OSDShutdownPreparedOs', property: 'ShutdownPreparedOs', value: o.shutdown ?? 'false' },
    ] },
  });
  return { f, windows };
}

const setUp = installation('C:', { generalized: false, computerName: 'REF01' });

test('generalizes the running Windows, sets OSDTargetSystemRoot and restarts into Windows PE', async () => {
  const { f, windows } = setup(setUp, { keep: 'TRUE' });
  const r = await prepareWindowsStep.run(f.ctx);
  assert.equal(r.exitCode, 0, r.message);
  assert.deepEqual(windows.generalized, [{ keepActivation: true, buildMassStorageList: false }]);
  assert.equal(f.store.get('OSDTargetSystemRoot'), 'C:\\Windows');
  assert.deepEqual(f.reboots, [{ target: 'WinPE' }]);
  assert.equal(f.shutdowns, 0);
});

test('with OSDShutdownPreparedOs the computer shuts down instead of restarting', async () => {
  const { f } = setup(setUp, { shutdown: 'true' });
  assert.equal((await prepareWindowsStep.run(f.ctx)).exitCode, 0);
  assert.deepEqual(f.reboots, []);
  assert.equal(f.shutdowns, 1);
});

test('a domain member: the port refuses before Sysprep changes anything, and the step reports it', async () => {
  const { f, windows } = setup(installation('C:', { generalized: false, membership: { kind: 'domain', name: 'corp.example' } }));
  const r = await engineResult(prepareWindowsStep.run(f.ctx));
  assert.equal(r.exitCode, 50);
  assert.match(r.message ?? '', /Sysprep cannot generalize a computer joined to a domain \(corp\.example\)/);
  assert.deepEqual([windows.generalized, f.reboots], [[], []]);
});

test('in Windows PE there is no running Windows to prepare', async () => {
  const { f } = setup(setUp, { inWinPE: true });
  const r = await prepareWindowsStep.run(f.ctx);
  assert.equal(r.exitCode, 50);
  assert.match(r.message ?? '', /runs only in the installed Windows/);
});

test('validation: flags must be true or false; a shutdown ends the sequence (warning)', () => {
  const view = (options: Record<string, string>) => ({ options, optionVariables: {}, node: { kind: 'step' as const, name: 'Prepare', type: 'SMS_TaskSequence_PrepareOSAction' } }) as unknown as Parameters<typeof validatePrepareWindows>[0];
  assert.deepEqual(validatePrepareWindows(view({ KeepActivation: 'yes' })).map((p) => [p.severity, p.code]), [['error', 'invalid-flag']]);
  assert.deepEqual(validatePrepareWindows(view({ ShutdownPreparedOs: 'true' })).map((p) => [p.severity, p.code]), [['warning', 'ends-with-shutdown']]);
  assert.deepEqual(validatePrepareWindows(view({ KeepActivation: '%Keep%', ShutdownPreparedOs: 'false' })), []);
});
