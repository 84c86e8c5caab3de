import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateCondition } from './compile-condition.ts';
import { condition, createFakeContext, createFakeProbe, expression } from './test-support/fake-context.ts';

const probe = createFakeProbe({
  files: {
    'X:\\Windows\\System32\\BCEnabler.exe': { exists: true, version: '10.0.19041.1', modified: '2024-03-01T10:00:00Z' },
    'C:\\Windows\\notepad.exe': { exists: true },
    'X:\\missing.exe': { exists: false },
  },
  folders: {
    'C:\\_SMSTaskSequence\\Drivers': { exists: true, modified: '2024-03-01T10:00:00Z' },
    'D:\\Windows': { exists: false },
  },
});
const ctx = createFakeContext({ _SMSTSMDataPath: 'C:\\_SMSTaskSequence' }, probe);
const run = (type: string, props: Record<string, string>) => evaluateCondition(condition(expression(type, props)), ctx);

test('file expression: existence', () => {
  assert.equal(run('File', { Path: 'X:\\Windows\\System32\\BCEnabler.exe' }).value, true);
  assert.deepEqual(run('File', { Path: 'X:\\missing.exe' }), { value: false, falseClause: 'File "X:\\missing.exe" does not exist' });
});

test('file expression: version compared numerically per component', () => {
  const path = 'X:\\Windows\\System32\\BCEnabler.exe';
  const table: Array<[op: string, version: string, expected: boolean]> = [
    ['equals', '10.0.19041.1', true],
    ['greater', '10.0.9999.0', true],
    ['greaterEqual', '10.0.19041.2', false],
    ['less', '10.1', true],
    ['lessEqual', '6.3', false],
    ['notEquals', '10.0.19041.1', false],
  ];
  for (const [op, version, expected] of table) {
    assert.equal(run('File', { Path: path, Version: version, VersionOperator: op }).value, expected, `${op} ${version}`);
  }
  assert.equal(
    run('File', { Path: path, Version: '11.0', VersionOperator: 'greaterEqual' }).falseClause,
    `File "${path}" version greaterEqual "11.0" (value: "10.0.19041.1")`,
  );
  assert.equal(run('File', { Path: 'C:\\Windows\\notepad.exe', Version: '1.0', VersionOperator: 'greater' }).falseClause, 'File "C:\\Windows\\notepad.exe" version greater "1.0" (value: no version)');
});

test('file expression: DateTime compared as UTC instants in ISO or CIM form', () => {
  const path = 'X:\\Windows\\System32\\BCEnabler.exe';
  const table: Array<[op: string, at: string, expected: boolean]> = [
    ['equals', '2024-03-01T10:00:00Z', true],
    ['equals', '20240301100000.000000+000', true],
    ['equals', '20240301120000.000000+120', true],
    ['greater', '2024-02-29T23:59:59Z', true],
    ['less', '20240301100000.000000+000', false],
    ['lessEqual', '2024-03-01T10:00:00', true],
  ];
  for (const [op, at, expected] of table) {
    assert.equal(run('File', { Path: path, DateTime: at, DateTimeOperator: op }).value, expected, `${op} ${at}`);
  }
  assert.equal(run('File', { Path: 'C:\\Windows\\notepad.exe', DateTime: '2024-01-01', DateTimeOperator: 'greater' }).value, false);
});

test('folder expression: path expanded, existence and DateTime', () => {
  assert.equal(run('Folder', { Path: '%_SMSTSMDataPath%\\Drivers' }).value, true);
  assert.equal(run('Folder', { Path: '%_SMSTSMDataPath%\\Drivers', DateTime: '2025-01-01T00:00:00Z', DateTimeOperator: 'less' }).value, true);
  assert.deepEqual(run('Folder', { Path: 'D:\\Windows' }), { value: false, falseClause: 'Folder "D:\\Windows" does not exist' });
  const r = run('Folder', { Path: '%_SMSTSMDataPath%\\Drivers', DateTime: '2025-01-01T00:00:00Z', DateTimeOperator: 'greater' });
  assert.equal(r.falseClause, 'Folder "%_SMSTSMDataPath%\\Drivers" (expanded: "C:\\_SMSTaskSequence\\Drivers") modified greater "2025-01-01T00:00:00Z" (value: "2024-03-01T10:00:00Z")');
});
