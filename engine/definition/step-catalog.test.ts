import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createStepCatalog } from './step-catalog.ts';

test('without step modules only the documented types no module runs are known', () => {
  const catalog = createStepCatalog([]);
  assert.ok(catalog.find('SMS_TaskSequence_EnableBitLockerAction'));
  assert.equal(catalog.find('SMS_TaskSequence_RunCommandLineAction'), undefined);
  assert.equal(catalog.runnable('SMS_TaskSequence_EnableBitLockerAction'), false);
});

test("a module's type comes first and once, as runnable; the untyped MDT step is no entry", () => {
  const catalog = createStepCatalog([
    { type: 'SMS_TaskSequence_EnableBitLockerAction', displayName: 'Enable BitLocker', defaultRunIn: 'FullOS' },
    { type: '', displayName: 'MDT step without a type', defaultRunIn: 'WinPEandFullOS' },
  ]);
  assert.equal(catalog.entries[0].type, 'SMS_TaskSequence_EnableBitLockerAction');
  assert.equal(catalog.entries.filter((e) => e.type === 'SMS_TaskSequence_EnableBitLockerAction').length, 1);
  assert.equal(catalog.entries.some((e) => e.type === ''), false);
  assert.equal(catalog.runnable('SMS_TaskSequence_EnableBitLockerAction'), true);
  assert.equal(catalog.findIgnoringCase('sms_tasksequence_enablebitlockeraction')?.type, 'SMS_TaskSequence_EnableBitLockerAction');
});
