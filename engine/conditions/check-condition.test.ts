import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ConditionNode } from '../definition/model.ts';
import { checkCondition } from './check-condition.ts';
import { condition, expression, operator, variable, wmi } from './test-support/fake-context.ts';

const codes = (...nodes: ConditionNode[]) => checkCondition(condition(...nodes)).map((i) => `${i.severity}:${i.code}${i.field ? `:${i.field}` : ''}`);

test('a valid condition has no issues', () => {
  assert.deepEqual(codes(operator('and', variable('_SMSTSInWinPE', 'equals', 'true'), wmi('SELECT * FROM Win32_Battery'))), []);
  assert.deepEqual(codes(expression('Registry', { KeyPath: 'HKLM\\X', Operator: 'nonExists', Value: 'Y' })), []);
});

test('unknown expression types and operators are errors', () => {
  assert.deepEqual(codes(expression('SMS_TaskSequence_TimeConditionExpression', { At: 'noon' })), ['error:unknown-condition-type:type']);
  assert.deepEqual(codes(variable('X', 'contains', 'y')), ['error:unknown-operator:Operator']);
  assert.deepEqual(codes(operator('xor', variable('X', 'exists'))), ['error:unknown-operator:type']);
  assert.deepEqual(codes(expression('Software', { Operator: 'SomeVersion', ProductCode: '{X}' })), ['error:unknown-operator:Operator']);
  assert.deepEqual(codes(expression('File', { Path: 'C:\\x', Version: '1.0', VersionOperator: 'like' })), ['error:unknown-operator:VersionOperator']);
});

test('missing required properties are errors', () => {
  assert.deepEqual(codes(expression('Variable', { Operator: 'equals', Value: 'x' })), ['error:missing-property:Variable']);
  assert.deepEqual(codes(expression('Variable', { Variable: 'X' })), ['error:missing-property:Operator']);
  assert.deepEqual(codes(expression('WMI', { Namespace: 'root\\cimv2' })), ['error:missing-property:Query']);
  assert.deepEqual(codes(expression('File', {})), ['error:missing-property:Path']);
  assert.deepEqual(codes(expression('File', { Path: 'C:\\x', Version: '1.0' })), ['error:missing-property:VersionOperator']);
  assert.deepEqual(codes(expression('Folder', { Path: ' ' })), ['error:missing-property:Path']);
  assert.deepEqual(codes(expression('Registry', { Operator: 'exists' })), ['error:missing-property:KeyPath']);
  assert.deepEqual(codes(expression('Software', { Operator: 'AnyVersion' })), ['error:missing-property:UpgradeCode']);
});

test('invalid values are errors', () => {
  assert.deepEqual(codes(expression('File', { Path: 'C:\\x', DateTime: 'last week', DateTimeOperator: 'less' })), ['error:invalid-value:DateTime']);
  assert.deepEqual(codes(expression('File', { Path: 'C:\\x', Version: 'v2', VersionOperator: 'less' })), ['error:invalid-value:Version']);
});

test('empty operators are warnings', () => {
  assert.deepEqual(codes(operator('and')), ['warning:empty-operator:type']);
  assert.deepEqual(codes(operator('or', operator('not'))), ['warning:empty-operator:type']);
});

test('a WMI query outside the WQL subset is a warning naming the query', () => {
  const q = "ASSOCIATORS OF {Win32_DiskDrive.DeviceID='x'}";
  const issues = checkCondition(condition(wmi(q)));
  assert.equal(issues.length, 1);
  assert.equal(issues[0].severity, 'warning');
  assert.equal(issues[0].code, 'unsupported-wql');
  assert.ok(issues[0].message.includes(q), issues[0].message);
});

test('issues carry the source line of their node', () => {
  const node = { ...variable('X', 'nope', 'y'), loc: { line: 42 } };
  assert.equal(checkCondition(condition(node))[0].line, 42);
});

test('nested problems are all reported', () => {
  const issues = codes(operator('or', variable('X', 'bad', ''), operator('not', expression('Nope', {}))));
  assert.deepEqual(issues, ['error:unknown-operator:Operator', 'error:unknown-condition-type:type']);
});
