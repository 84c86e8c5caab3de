import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { StepDefinitionView } from '../../engine/step-api.ts';
import { validateSetDynamicVariables } from './validate.ts';

function view(rules?: string): StepDefinitionView {
  const options: Record<string, string> = rules === undefined ? {} : { Rules: rules };
  return { node: { kind: 'step', name: 'SDV', type: 'SMS_TaskSequence_SetDynamicVariablesAction' }, options, optionVariables: { Rules: 'OSDSetDynamicVariablesRules' } };
}
const codes = (rules?: string) => validateSetDynamicVariables(view(rules)).map((p) => `${p.severity}:${p.code}`);
const variable = (name: string, value = 'v') => `<Variables><Variable Name="${name}" IsSecret="false">${value}</Variable></Variables>`;

test('no rules, or good rules, pass', () => {
  assert.deepEqual(codes(), []);
  assert.deepEqual(codes(`<Rules><Rule>${variable('A')}</Rule></Rules>`), []);
  const mm = '<condition><expression type="SMS_TaskSequence_MakeModelConditionExpression"><variable name="Make">*</variable><variable name="Model">X?</variable></expression></condition>';
  assert.deepEqual(codes(`<Rules><Rule>${mm}${variable('B')}</Rule></Rules>`), []);
});

test('XML that does not parse is an error carrying the XML problem', () => {
  const [p] = validateSetDynamicVariables(view('<Rules><Rule>'));
  assert.equal(p.code, 'invalid-rules');
  assert.equal(p.field, 'OSDSetDynamicVariablesRules');
  assert.match(p.message, /not well-formed XML/);
  assert.deepEqual(codes('<Other/>'), ['error:invalid-rules']);
});

test('variable names must be valid and not _', () => {
  assert.deepEqual(codes(`<Rules><Rule>${variable('_SMSTSMake')}</Rule></Rules>`), ['error:read-only-variable']);
  assert.deepEqual(codes(`<Rules><Rule>${variable('two words')}</Rule></Rules>`), ['error:invalid-variable-name']);
  assert.deepEqual(codes(`<Rules><Rule><Variables><Variable IsSecret="false">x</Variable></Variables></Rule></Rules>`), ['error:invalid-variable-name']);
});

test('unknown condition types are errors; an empty computer rule is a warning', () => {
  const unknown = '<condition><expression type="SMS_TaskSequence_GuessConditionExpression"/></condition>';
  assert.deepEqual(codes(`<Rules><Rule>${unknown}${variable('A')}</Rule></Rules>`), ['error:unknown-condition-type']);
  const empty = '<condition><expression type="SMS_TaskSequence_ComputerConditionExpression"><variable name="AssetTag"></variable><variable name="UUID"></variable></expression></condition>';
  assert.deepEqual(codes(`<Rules><Rule>${empty}${variable('A')}</Rule></Rules>`), ['warning:empty-computer-rule']);
});
