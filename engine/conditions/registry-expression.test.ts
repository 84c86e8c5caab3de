import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateCondition } from './compile-condition.ts';
import { condition, createFakeContext, createFakeProbe, expression } from './test-support/fake-context.ts';

const KEY = 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Remediations\\KB5025885';
const probe = createFakeProbe({
  registry: {
    [`${KEY}|Complete`]: { type: 'REG_DWORD', data: '1' },
    [`${KEY}|Stage`]: { type: 'REG_SZ', data: 'Final' },
    [`${KEY}|Build`]: { type: 'REG_SZ', data: '19045' },
    [`${KEY}|`]: { type: 'REG_SZ', data: 'default' },
    [`${KEY}|Missing`]: null,
  },
});
const ctx = createFakeContext({ Hive: 'HKLM' }, probe);
const run = (props: Record<string, string>) => evaluateCondition(condition(expression('Registry', { KeyPath: KEY, ...props })), ctx);

test('registry expression: exists / notExists (also the SDK spelling nonExists), with Type', () => {
  const table: Array<[props: Record<string, string>, expected: boolean]> = [
    [{ Value: 'Complete', Operator: 'exists', Type: 'REG_DWORD' }, true],
    [{ Value: 'Complete', Operator: 'exists', Type: 'REG_SZ' }, false], // present with another type
    [{ Value: 'Complete', Operator: 'exists' }, true],
    [{ Value: 'Complete', Operator: 'notExists', Type: 'REG_DWORD' }, false],
    [{ Value: 'Missing', Operator: 'notExists', Type: 'REG_DWORD' }, true],
    [{ Value: 'Missing', Operator: 'nonExists' }, true],
    [{ Value: '', Operator: 'exists' }, true], // the default value
  ];
  for (const [props, expected] of table) assert.equal(run(props).value, expected, JSON.stringify(props));
});

test('registry expression: comparisons follow the variable rule', () => {
  const table: Array<[props: Record<string, string>, expected: boolean]> = [
    [{ Value: 'Complete', Operator: 'equals', Data: '1' }, true],
    [{ Value: 'Complete', Operator: 'equals', Data: '01' }, true],
    [{ Value: 'Stage', Operator: 'equals', Data: 'final' }, true],
    [{ Value: 'Build', Operator: 'greaterEqual', Data: '17763' }, true],
    [{ Value: 'Build', Operator: 'less', Data: '9600' }, false],
    [{ Value: 'Stage', Operator: 'like', Data: 'Fin%' }, true],
    [{ Value: 'Missing', Operator: 'equals', Data: '1' }, false],
    [{ Value: 'Missing', Operator: 'notEquals', Data: '1' }, true],
  ];
  for (const [props, expected] of table) assert.equal(run(props).value, expected, JSON.stringify(props));
});

test('registry expression: hive abbreviations and %VAR% in the key path are resolved', () => {
  const r = evaluateCondition(condition(expression('Registry', { KeyPath: '%Hive%\\SOFTWARE\\Remediations\\KB5025885\\', Value: 'Complete', Operator: 'exists' })), ctx);
  assert.equal(r.value, true);
});

test('registry expression: falseClause shows key, value name and the data seen', () => {
  assert.equal(
    run({ Value: 'Complete', Operator: 'notExists', Type: 'REG_DWORD' }).falseClause,
    `Registry "${KEY}" value "Complete" REG_DWORD notExists (value: REG_DWORD "1")`,
  );
  assert.equal(run({ Value: 'Stage', Operator: 'equals', Data: 'Draft' }).falseClause, `Registry "${KEY}" value "Stage" equals "Draft" (value: REG_SZ "Final")`);
});
