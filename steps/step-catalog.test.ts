import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BUILTIN_STEP_CATALOG } from './index.ts';

const STEP_CATALOG = BUILTIN_STEP_CATALOG.entries;
const findStepType = (type: string) => BUILTIN_STEP_CATALOG.find(type);

test('the catalog holds every documented ConfigMgr action and MDT type, each once', () => {
  const types = STEP_CATALOG.map((e) => e.type);
  assert.equal(new Set(types).size, types.length);
  for (const t of ['SMS_TaskSequence_PartitionDiskAction', 'SMS_TaskSequence_ConvertDiskAction', 'SMS_TaskSequence_InstallDeployToolsAction',
    'SMS_TaskSequence_SubTasksequence', 'SMS_TaskSequence_OfflineEnableBitLockerAction', 'BDD_Gather', 'BDD_RecoverDomainJoin']) {
    assert.ok(findStepType(t), t);
  }
  assert.equal(STEP_CATALOG.filter((e) => e.source === 'configmgr').length, 36);
  assert.equal(STEP_CATALOG.filter((e) => e.source === 'mdt').length, 18);
  assert.ok(STEP_CATALOG.every((e) => ['WinPE', 'FullOS', 'WinPEandFullOS'].includes(e.defaultRunIn) && e.displayName !== ''));
});

test('entries carry display name and default runIn; lookups are exact', () => {
  assert.deepEqual(findStepType('SMS_TaskSequence_ApplyOperatingSystemAction'), {
    type: 'SMS_TaskSequence_ApplyOperatingSystemAction', displayName: 'Apply Operating System Image', defaultRunIn: 'WinPE', source: 'configmgr',
  });
  assert.equal(findStepType('sms_tasksequence_rebootaction'), undefined);
  assert.ok(Object.isFrozen(STEP_CATALOG) && Object.isFrozen(STEP_CATALOG[0]));
});
