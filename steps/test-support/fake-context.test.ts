import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Condition } from '../../engine/step-api.ts';
import { createFakeContext, defaults } from './fake-context.ts';

const equals = (name: string, value: string): Condition => ({
  children: [{ kind: 'expression', type: 'SMS_TaskSequence_VariableConditionExpression', properties: [
    { name: 'Variable', value: name }, { name: 'Operator', value: 'equals' }, { name: 'Value', value },
  ] }],
});

test('options come through the engine context: a global of the carrying variable wins, secrecy is kept', () => {
  const f = createFakeContext({
    node: { defaultVarList: defaults({ DiskIndex: ['OSDDiskIndex', '0'], Password: ['OSDPassword', '%Key%'] }) },
    globals: { OSDDiskIndex: '1' },
    secretGlobals: { Key: 'hunter2' },
  });
  assert.equal(f.ctx.option('diskindex'), '1');
  assert.deepEqual(f.ctx.optionExpansion('Password'), { text: 'hunter2', secret: true });
});

test('a restart request is recorded and sets SMSTSRebootRequested (and SMSTSRetryRequested) as in a run', () => {
  const f = createFakeContext();
  f.ctx.requestReboot({ target: 'WinPE', retry: true });
  f.ctx.requestShutdown();
  assert.deepEqual(f.reboots, [{ target: 'WinPE', retry: true }]);
  assert.deepEqual([f.store.get('SMSTSRebootRequested'), f.store.get('SMSTSRetryRequested'), f.shutdowns], ['WinPE', 'true', 1]);
});

test('conditions go to the engine evaluator and mask secret values in the clause that was false', () => {
  const f = createFakeContext({ secretGlobals: { Key: 'hunter2' } });
  const r = f.ctx.evaluateCondition(equals('Key', 'x'));
  assert.equal(r.value, false);
  assert.ok(r.falseClause && !r.falseClause.includes('hunter2'), r.falseClause);
});

test('log lines are recorded as written; unscripted port calls throw', async () => {
  const f = createFakeContext();
  f.ctx.log.warn('careful');
  assert.deepEqual(f.logs, [{ severity: 'warning', message: 'careful' }]);
  await assert.rejects(f.ctx.ports.commands.run({ kind: 'command-line', commandLine: 'cmd /c exit 0', secret: false }), /unscripted call commands\.run\(cmd \/c exit 0\)/);
  assert.throws(() => f.ctx.ports.disks.list(), /unscripted call disks\.list\(\)/);
  assert.throws(() => f.ctx.ports.probe.file('C:\\x'), /unscripted call probe\.file/);
});
