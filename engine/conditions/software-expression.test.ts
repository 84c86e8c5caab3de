import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateCondition } from './compile-condition.ts';
import { condition, createFakeContext, createFakeProbe, expression } from './test-support/fake-context.ts';

const PRODUCT = '{A1B2C3D4-0000-1111-2222-333344445555}';
const UPGRADE = '{99999999-8888-7777-6666-555555555555}';
const probe = createFakeProbe({
  products: [{ productCode: PRODUCT.toLowerCase(), upgradeCode: UPGRADE, name: 'Client Agent', version: '5.0.1' }],
});
const ctx = createFakeContext({}, probe);
const run = (props: Record<string, string>) => evaluateCondition(condition(expression('Software', props)), ctx);

test('software expression: ThisVersion matches the product code (and upgrade code when given)', () => {
  assert.equal(run({ Operator: 'ThisVersion', ProductCode: PRODUCT }).value, true);
  assert.equal(run({ Operator: 'thisversion', ProductCode: PRODUCT.slice(1, -1) }).value, true); // braces, case ignored
  assert.equal(run({ Operator: 'ThisVersion', ProductCode: PRODUCT, UpgradeCode: UPGRADE }).value, true);
  assert.equal(run({ Operator: 'ThisVersion', ProductCode: PRODUCT, UpgradeCode: '{00000000-0000-0000-0000-000000000000}' }).value, false);
  assert.equal(run({ Operator: 'ThisVersion', ProductCode: '{00000000-0000-0000-0000-000000000001}' }).value, false);
});

test('software expression: AnyVersion matches the upgrade code', () => {
  assert.equal(run({ Operator: 'AnyVersion', UpgradeCode: UPGRADE.toLowerCase() }).value, true);
  const r = run({ Operator: 'AnyVersion', UpgradeCode: '{00000000-0000-0000-0000-000000000000}', ProductName: 'Other' });
  assert.deepEqual(r, { value: false, falseClause: 'Software AnyVersion upgrade code {00000000-0000-0000-0000-000000000000} ("Other") is not installed' });
});
