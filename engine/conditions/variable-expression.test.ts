import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateCondition } from './compile-condition.ts';
import { condition, createFakeContext, variable } from './test-support/fake-context.ts';
import { registerSecretNames } from '../../variables/index.ts';

// Secret by name: the step manifests declare these variables and a registry registers them at start.
registerSecretNames(['OSDJoinPassword', 'OSDLocalAdminPassword']);

const VARS = { _SMSTSInWinPE: 'true', _SMSTSBootUEFI: 'false', Count: '010', Model: 'Latitude 7420', _SMSTSMediaType: 'OEMMedia' };

const CASES: Array<[name: string, op: string, value: string | undefined, expected: boolean]> = [
  ['_SMSTSInWinPE', 'equals', 'True', true],
  ['_smstsinwinpe', 'Equals', 'TRUE', true], // names and operators are case-insensitive
  ['_SMSTSBootUEFI', 'equals', 'true', false],
  ['_SMSTSMediaType', 'notEquals', 'OEMMedia', false],
  ['Count', 'equals', '10', true],
  ['Count', 'greater', '9', true],
  ['Count', 'less', '9', false],
  ['Count', 'greaterEqual', '10', true],
  ['Count', 'lessEqual', '9', false],
  ['Model', 'like', 'Latitude%', true],
  ['Model', 'like', 'Latitude 74__', true],
  ['Model', 'like', '[KL]atitude%', true],
  ['Model', 'notLike', 'Latitude%', false],
  ['Model', 'exists', undefined, true],
  ['Model', 'notExists', undefined, false],
  // a variable that is not set
  ['Missing', 'exists', undefined, false],
  ['Missing', 'notExists', undefined, true],
  ['Missing', 'equals', '', false],
  ['Missing', 'notEquals', 'x', true],
  ['Missing', 'greater', '0', false],
  ['Missing', 'greaterEqual', '0', false],
  ['Missing', 'less', '0', false],
  ['Missing', 'lessEqual', '0', false],
  ['Missing', 'like', '%', false],
  ['Missing', 'notLike', 'x%', true],
];

test('variable expressions: every operator, including variables that are not set', () => {
  const ctx = createFakeContext(VARS);
  for (const [name, op, value, expected] of CASES) {
    assert.equal(evaluateCondition(condition(variable(name, op, value)), ctx).value, expected, `${name} ${op} ${value}`);
  }
});

test('an empty variable counts as not set', () => {
  const ctx = createFakeContext({ Empty: '' });
  assert.equal(evaluateCondition(condition(variable('Empty', 'exists')), ctx).value, false);
  assert.equal(evaluateCondition(condition(variable('Empty', 'notEquals', 'x')), ctx).value, true);
});

test('the Value is %VAR%-expanded before comparison', () => {
  const ctx = createFakeContext({ Wanted: 'Latitude 7420', Model: 'Latitude 7420', Prefix: 'Lat' });
  assert.equal(evaluateCondition(condition(variable('Model', 'equals', '%Wanted%')), ctx).value, true);
  assert.equal(evaluateCondition(condition(variable('Model', 'like', '%Prefix%itude%')), ctx).value, true);
  ctx.set('Wanted', 'OptiPlex');
  const r = evaluateCondition(condition(variable('Model', 'equals', '%Wanted%')), ctx);
  assert.deepEqual(r, { value: false, falseClause: 'Model equals "%Wanted%" (expanded: "OptiPlex", value: "Latitude 7420")' });
});

test('falseClause names the clause and the value seen', () => {
  const ctx = createFakeContext(VARS);
  const why = (node: Parameters<typeof condition>[0]) => evaluateCondition(condition(node), ctx).falseClause;
  assert.equal(why(variable('_SMSTSBootUEFI', 'equals', 'true')), '_SMSTSBootUEFI equals "true" (value: "false")');
  assert.equal(why(variable('_SMSTSMediaType', 'notEquals', 'OEMMedia')), '_SMSTSMediaType notEquals "OEMMedia" (value: "OEMMedia")');
  assert.equal(why(variable('NoModel', 'like', 'Latitude%')), 'NoModel like "Latitude%" (value: not set)');
  assert.equal(why(variable('NoModel', 'exists')), 'NoModel exists (value: not set)');
  assert.equal(why(variable('Model', 'NOTEXISTS')), 'Model notExists (value: "Latitude 7420")');
});

test('falseClause never shows a secret value', () => {
  const ctx = createFakeContext({ MyKey: 'hunter2', OSDJoinPassword: 'P@ssw0rd', Ref: 'hunter2' }, undefined, ['MyKey']);
  const texts = [
    evaluateCondition(condition(variable('MyKey', 'equals', 'other')), ctx).falseClause,
    evaluateCondition(condition(variable('MyKey', 'notEquals', 'hunter2')), ctx).falseClause,
    evaluateCondition(condition(variable('MyKey', 'notExists')), ctx).falseClause,
    evaluateCondition(condition(variable('OSDJoinPassword', 'equals', 'x')), ctx).falseClause, // secret by name
    evaluateCondition(condition(variable('Other', 'equals', '%MyKey%')), ctx).falseClause,
  ];
  for (const t of texts) {
    assert.ok(t, 'each condition is false');
    assert.ok(!t.includes('hunter2') && !t.includes('P@ssw0rd'), t);
  }
  assert.equal(texts[0], 'MyKey equals ******** (value: ********)');
  assert.equal(texts[4], 'Other equals "%MyKey%" (value: not set)');
});

test('a context without isSecret still masks variables secret by name', () => {
  const ctx = { get: (n: string) => (n === 'OSDLocalAdminPassword' ? 'S3cret!' : undefined), expand: (t: string) => t, probe: createFakeContext().probe };
  const r = evaluateCondition(condition(variable('OSDLocalAdminPassword', 'equals', 'x')), ctx);
  assert.equal(r.value, false);
  assert.ok(!r.falseClause?.includes('S3cret!'), r.falseClause);
});
