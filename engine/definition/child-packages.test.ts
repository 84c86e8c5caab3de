import { test } from 'node:test';
import assert from 'node:assert/strict';
import { childPackageIds } from './child-packages.ts';
import type { SequenceNode, TaskSequence } from './model.ts';

const run = (id: string, extra: Partial<SequenceNode> = {}): SequenceNode => ({
  kind: 'subtasksequence', name: `Run ${id}`, type: 'SMS_TaskSequence_SubTasksequence',
  defaultVarList: [{ name: 'OSDSubTasksequencePackageID', property: 'TsPackageID', value: ` ${id} ` }], ...extra,
} as SequenceNode);

test('lists child package ids in document order, once each, including disabled ones', () => {
  const seq: TaskSequence = {
    version: '3.10',
    children: [
      run('LAB00002'),
      { kind: 'group', name: 'G', children: [run('LAB00003', { disable: true }), run('LAB00002'), { kind: 'step', name: 'S', action: 'x' }] },
      { kind: 'subtasksequence', name: 'No id' },
    ],
  };
  assert.deepEqual(childPackageIds(seq), ['LAB00002', 'LAB00003']);
});
