import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Condition, ConditionNode } from '../definition/model.ts';
import { judgeKnownCondition } from './known-condition.ts';

const variable = (name: string, operator: string, value = ''): ConditionNode => ({
  kind: 'expression', type: 'SMS_TaskSequence_VariableConditionExpression',
  properties: [{ name: 'Operator', value: operator }, { name: 'Value', value }, { name: 'Variable', value: name }],
});
const wmi: ConditionNode = { kind: 'expression', type: 'SMS_TaskSequence_WMIConditionExpression', properties: [{ name: 'Query', value: 'SELECT * FROM Win32_BIOS' }] };
const op = (operator: string, ...children: ConditionNode[]): ConditionNode => ({ kind: 'operator', operator, children });
const cond = (...children: ConditionNode[]): Condition => ({ children });
const FULL = { _SMSTSMediaType: 'FullMedia' };

test('known variables decide; anything else is maybe', () => {
  assert.equal(judgeKnownCondition(cond(variable('_SMSTSMediaType', 'notEquals', 'FullMedia')), FULL), false);
  assert.equal(judgeKnownCondition(cond(variable('_smstsmediatype', 'equals', 'BootMedia')), FULL), false);
  assert.equal(judgeKnownCondition(cond(variable('_SMSTSMediaType', 'equals', 'fullmedia')), FULL), true);
  assert.equal(judgeKnownCondition(cond(variable('OSDComputerName', 'exists')), FULL), 'maybe');
  assert.equal(judgeKnownCondition(cond(wmi), FULL), 'maybe');
  assert.equal(judgeKnownCondition(cond(variable('_SMSTSMediaType', 'equals', '%Wanted%')), FULL), 'maybe');
  assert.equal(judgeKnownCondition(undefined, FULL), true);
});

test('and / or / not combine three values: false wins an and, true wins an or', () => {
  const notFull = variable('_SMSTSMediaType', 'notEquals', 'FullMedia');
  const unknown = variable('Role', 'equals', 'Kiosk');
  assert.equal(judgeKnownCondition(cond(unknown, notFull), FULL), false);
  assert.equal(judgeKnownCondition(cond(op('or', unknown, notFull)), FULL), 'maybe');
  assert.equal(judgeKnownCondition(cond(op('or', unknown, op('not', notFull))), FULL), true);
  assert.equal(judgeKnownCondition(cond(op('not', variable('_SMSTSMediaType', 'equals', 'FullMedia'))), FULL), false);
  assert.equal(judgeKnownCondition(cond(op('not', unknown)), FULL), 'maybe');
  assert.equal(judgeKnownCondition(cond(op('and', wmi, notFull)), FULL), false);
});
