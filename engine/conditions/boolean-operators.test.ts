import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ConditionNode } from '../definition/model.ts';
import { evaluateCondition } from './compile-condition.ts';
import { condition, createFakeContext, createFakeProbe, operator, variable, wmi } from './test-support/fake-context.ts';

const ctx = createFakeContext({ A: '1', B: '2' });
const T = variable('A', 'equals', '1');
const F = variable('B', 'equals', '9');
const value = (...nodes: ConditionNode[]) => evaluateCondition(condition(...nodes), ctx).value;

test('operators: and, or, not (case-insensitive), nested', () => {
  const table: Array<[node: ConditionNode, expected: boolean]> = [
    [operator('and', T, T), true],
    [operator('and', T, F), false],
    [operator('or', F, T), true],
    [operator('or', F, F), false],
    [operator('not', F), true],
    [operator('not', T), false],
    [operator('AND', T, operator('Or', F, operator('NOT', F))), true],
    [operator('or', operator('and', T, F), operator('not', operator('or', F, F))), true],
    [operator('not', T, F), true], // NOT(AND(children))
    [operator('not', T, T), false],
  ];
  for (const [node, expected] of table) assert.equal(value(node), expected, JSON.stringify(node));
});

test('top-level children are ANDed; an empty condition is true', () => {
  assert.equal(value(), true);
  assert.equal(value(T, T), true);
  assert.equal(value(T, F), false);
});

test('empty operators: and is true, or is false, not is true', () => {
  assert.equal(value(operator('and')), true);
  assert.equal(value(operator('or')), false);
  assert.equal(value(operator('not')), true);
});

test('falseClause texts for and, or, not', () => {
  const why = (node: ConditionNode) => evaluateCondition(condition(node), ctx).falseClause;
  assert.equal(why(operator('and', T, F)), 'B equals "9" (value: "2")');
  assert.equal(why(operator('or', F, variable('C', 'exists'))), 'or: none of 2 clauses was true: B equals "9" (value: "2"); C exists (value: not set)');
  assert.equal(why(operator('not', T)), 'not: inner clause was true: A equals "1" (value: "1")');
  assert.equal(
    why(operator('not', T, T)),
    'not: inner clause was true: and: all 2 clauses were true: A equals "1" (value: "1"); A equals "1" (value: "1")',
  );
  assert.equal(
    why(operator('or', F, operator('or', F, F))),
    'or: none of 2 clauses was true: B equals "9" (value: "2"); (or: none of 2 clauses was true: B equals "9" (value: "2"); B equals "9" (value: "2"))',
  );
  assert.equal(why(operator('or')), 'or: empty, so false');
});

function osGroup(...platforms: ConditionNode[]): ConditionNode {
  return { kind: 'osConditionGroup', operator: 'or', children: platforms };
}

function platform(name: string, ...queries: string[]): ConditionNode {
  return {
    kind: 'osExpressionGroup',
    operator: 'and',
    name,
    children: [
      { kind: 'platformKey', attributes: { arch: 'x64', type: 'Win_NT', minVer: '10.00.0000.0', maxVer: '10.00.99999.9999' } },
      ...queries.map((q) => wmi(q, 'root\\cimv2', { ignoreQueryFailure: 'true' })),
    ],
  };
}

test('OS version condition: OR of platforms, each an AND of WMI tests (platformKey ignored)', () => {
  const os = (version: string, arch: string) =>
    createFakeContext({}, createFakeProbe({ classes: { Win32_OperatingSystem: [{ Version: version, OSType: 18, ProductType: 1, OSArchitecture: arch }] } }));
  const node = osGroup(
    platform('All x64 Windows 7 Client', "SELECT * FROM Win32_OperatingSystem WHERE Version like '6.1%' AND OSType=18 AND ProductType=1", "SELECT * FROM Win32_OperatingSystem WHERE OSArchitecture like '64%'"),
    platform('All Windows 10 (64-bit) Client', "SELECT * FROM Win32_OperatingSystem WHERE Version like '[1-9][0-9].%' AND OSType=18 AND ProductType=1", "SELECT * FROM Win32_OperatingSystem WHERE OSArchitecture like '64%'"),
  );
  const cond = condition(operator('and', node));
  assert.equal(evaluateCondition(cond, os('10.0.19045', '64-bit')).value, true);
  assert.equal(evaluateCondition(cond, os('6.1.7601', '64-bit')).value, true);
  const r = evaluateCondition(cond, os('10.0.19045', '32-bit'));
  assert.equal(r.value, false);
  assert.match(r.falseClause ?? '', /^OS version: none of 2 clauses was true: \(?OS platform "All x64 Windows 7 Client": WMI ".*6\.1%.*" returned no rows/);
  assert.match(r.falseClause ?? '', /OS platform "All Windows 10 \(64-bit\) Client": WMI ".*64%.*" returned no rows/);
});
