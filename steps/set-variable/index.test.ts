import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { StepDefinitionView } from '../../engine/step-api.ts';
import { createFakeContext, defaults } from '../test-support/fake-context.ts';
import { setVariableStep } from './index.ts';

const SET = 'SMS_TaskSequence_SetVariableAction';
const node = (options: Parameters<typeof defaults>[0]) => ({ type: SET, action: 'tsenv.exe "X=Y"', defaultVarList: defaults(options) });

test('sets the variable with %VAR% expansion at run time', async () => {
  const f = createFakeContext({ node: node({ VariableName: 'OSDisk', VariableValue: '%Drive%:' }), globals: { Drive: 'E' } });
  assert.equal((await setVariableStep.run(f.ctx)).exitCode, 0);
  assert.equal(f.store.get('OSDisk'), 'E:');
  assert.equal(f.store.isSecret('OSDisk'), false);
  assert.match(f.logText(), /Setting the task sequence variable OSDisk/);
  assert.doesNotMatch(f.logText(), /E:/, 'the engine logs the value; the step does not repeat it');
});

test('DoNotShowVariableValue makes the value secret and keeps it out of the log', async () => {
  const f = createFakeContext({ node: node({ VariableName: 'ApiToken', VariableValue: 'tok-4711', DoNotShowVariableValue: 'True' }) });
  await setVariableStep.run(f.ctx);
  assert.equal(f.store.get('ApiToken'), 'tok-4711');
  assert.equal(f.store.isSecret('ApiToken'), true);
  assert.doesNotMatch(f.logText(), /tok-4711/);
});

test('a value expanded from a secret is secret too', async () => {
  const f = createFakeContext({ node: node({ VariableName: 'Copy', VariableValue: 'x-%Pw%' }), secretGlobals: { Pw: 'hunter2' } });
  await setVariableStep.run(f.ctx);
  assert.equal(f.store.isSecret('Copy'), true);
  assert.doesNotMatch(f.logText(), /hunter2/);
});

test('an empty value deletes the variable', async () => {
  const f = createFakeContext({ node: node({ VariableName: 'Temp', VariableValue: '' }), globals: { Temp: 'old' } });
  assert.equal((await setVariableStep.run(f.ctx)).exitCode, 0);
  assert.equal(f.store.has('Temp'), false);
  assert.match(f.logText(), /Deleting the task sequence variable Temp \(empty value\)/);
});

test('a _ name at run time (e.g. a global override) fails with exit code 5', async () => {
  const f = createFakeContext({ node: node({ VariableName: 'Target', VariableValue: 'x' }), globals: { VariableName: '_SMSTSInWinPE' } });
  const r = await setVariableStep.run(f.ctx);
  assert.equal(r.exitCode, 5);
  assert.equal(r.message, 'Set Task Sequence Variable cannot write _SMSTSInWinPE: names starting with _ are read-only');
  assert.equal(f.store.get('_SMSTSInWinPE'), undefined);
});

function view(options: Record<string, string>): StepDefinitionView {
  return { node: { kind: 'step', name: 'Set', type: SET }, options, optionVariables: Object.fromEntries(Object.keys(options).map((k) => [k, k])) };
}
const codes = (o: Record<string, string>) => setVariableStep.validate!(view(o)).map((p) => p.code);

test('validate: name must be valid and writable, value at most 4001 characters', () => {
  assert.deepEqual(codes({ VariableName: 'OSDisk', VariableValue: 'C:' }), []);
  assert.deepEqual(codes({ VariableName: '', VariableValue: 'C:' }), ['invalid-variable-name']);
  assert.deepEqual(codes({ VariableName: 'bad name' }), ['invalid-variable-name']);
  assert.deepEqual(codes({ VariableName: 'OK', VariableValue: 'v'.repeat(4002) }), ['value-too-long']);
  const [p] = setVariableStep.validate!(view({ VariableName: '_SMSTSLogPath' }));
  assert.equal(p.code, 'read-only-variable');
  assert.equal(p.message, 'Set Task Sequence Variable cannot write _SMSTSLogPath: names starting with _ are read-only');
});
