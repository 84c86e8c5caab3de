import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { StepDefinitionView } from '../../engine/step-api.ts';
import { createFakeContext, defaults } from '../test-support/fake-context.ts';
import { restartComputerStep } from './index.ts';

const REBOOT = 'SMS_TaskSequence_RebootAction';

test('target from the Target option', async () => {
  const f = createFakeContext({
    node: { type: REBOOT, action: 'smsboot.exe /target:HD', defaultVarList: defaults({ Target: ['SMSRebootTarget', 'WinPE'], Message: ['SMSRebootMessage', 'Back soon'], MessageTimeout: ['SMSRebootTimeout', '60'] }) },
  });
  const r = await restartComputerStep.run(f.ctx);
  assert.equal(r.exitCode, 0);
  assert.deepEqual(f.reboots, [{ target: 'WinPE' }]);
  assert.match(f.logText(), /Back soon/);
  assert.match(f.logText(), /60 s/);
});

test('target from /target: in the action when no option is set', async () => {
  const f = createFakeContext({ node: { type: REBOOT, action: 'smsboot.exe /target:WinPE' } });
  await restartComputerStep.run(f.ctx);
  assert.deepEqual(f.reboots, [{ target: 'WinPE' }]);
});

test('target defaults to HD and is case-insensitive', async () => {
  const a = createFakeContext({ node: { type: REBOOT } });
  await restartComputerStep.run(a.ctx);
  assert.deepEqual(a.reboots, [{ target: 'HD' }]);
  const b = createFakeContext({ node: { type: REBOOT, defaultVarList: defaults({ Target: 'winpe' }) } });
  await restartComputerStep.run(b.ctx);
  assert.deepEqual(b.reboots, [{ target: 'WinPE' }]);
});

test('a global SMSRebootTarget wins over the step default', async () => {
  const f = createFakeContext({
    node: { type: REBOOT, defaultVarList: defaults({ Target: ['SMSRebootTarget', 'HD'] }) },
    globals: { SMSRebootTarget: 'WinPE' },
  });
  await restartComputerStep.run(f.ctx);
  assert.deepEqual(f.reboots, [{ target: 'WinPE' }]);
});

test('an invalid target fails without a restart', async () => {
  const f = createFakeContext({ node: { type: REBOOT, defaultVarList: defaults({ Target: 'USB' }) } });
  const r = await restartComputerStep.run(f.ctx);
  assert.equal(r.exitCode, 87);
  assert.match(r.message ?? '', /"USB" is not HD or WinPE/);
  assert.deepEqual(f.reboots, []);
});

function view(options: Record<string, string>, action?: string): StepDefinitionView {
  return {
    node: { kind: 'step', name: 'Restart', type: REBOOT, ...(action ? { action } : {}) },
    options,
    optionVariables: Object.fromEntries(Object.keys(options).map((k) => [k, `SMSReboot${k}`])),
  };
}
const codes = (v: StepDefinitionView) => restartComputerStep.validate!(v).map((p) => `${p.severity}:${p.code}`);

test('validate: target must be HD or WinPE', () => {
  assert.deepEqual(codes(view({ Target: 'HD' })), []);
  assert.deepEqual(codes(view({}, 'smsboot.exe /target:WinPE')), []);
  assert.deepEqual(codes(view({ Target: 'Floppy' })), ['error:invalid-reboot-target']);
  assert.deepEqual(codes(view({}, 'smsboot.exe /target:CD')), ['error:invalid-reboot-target']);
  assert.deepEqual(codes(view({ Target: '%NextBoot%' })), []);
});

test('validate: a long notice and a bad timeout are warnings', () => {
  assert.deepEqual(codes(view({ Message: 'm'.repeat(513), MessageTimeout: 'soon' })), [
    'warning:message-too-long',
    'warning:invalid-message-timeout',
  ]);
});
