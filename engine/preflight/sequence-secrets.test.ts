import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { SequenceDocument, SequenceNode, VariableEntry } from '../definition/model.ts';
import { compileProgram } from '../program/index.ts';
import { findSequenceSecrets, hasLiteralPassword } from './sequence-secrets.ts';
import { registerSecretNames } from '../../variables/index.ts';

// Secret by name: the step manifests declare these variables and a registry registers them at start.
registerSecretNames(['OSDJoinPassword', 'OSDLocalAdminPassword']);

const v = (name: string, value: string, property = name): VariableEntry => ({ name, property, value });
const step = (name: string, type: string | undefined, vars: VariableEntry[], action?: string): SequenceNode => ({ kind: 'step', name, type, defaultVarList: vars, action } as SequenceNode);
const findings = (children: SequenceNode[], globals: VariableEntry[] = []) => {
  const doc: SequenceDocument = { sequence: { version: '3.10', children, globalVarList: globals } };
  return findSequenceSecrets(compileProgram(doc, { file: 'ts.xml' }).program);
};

test('password arguments with a literal value are found; references are not', () => {
  for (const line of ['net use Z: \\\\srv\\share /user:LAB\\svc /p:Pa55word', 'tool.exe -Password "Pa55 word"', 'join.ps1 -AccountPassword Pa55', 'app --password=Pa55', 'x.exe /pwd:Pa55']) {
    assert.equal(hasLiteralPassword(line), true, line);
  }
  for (const line of ['net use Z: \\\\srv\\share /p:%NetPassword%', 'tool.exe -Password $secure', 'tool.exe -Password (Get-Secret)', 'robocopy a b /mir', 'x.exe /path:C:\\temp', 'setup.exe /passive']) {
    assert.equal(hasLiteralPassword(line), false, line);
  }
});

test('findings name the step and field, never the value', () => {
  const problems = findings([
    step('Map drive', 'SMS_TaskSequence_RunCommandLineAction', [v('CommandLine', 'net use Z: \\\\srv\\s /p:Literal-Secret-1')]),
    step('Join', 'SMS_TaskSequence_JoinDomainWorkgroupAction', [v('OSDJoinPassword', 'Literal-Secret-2', 'DomainPassword')]),
    step('Hidden', 'SMS_TaskSequence_SetVariableAction', [v('VariableName', 'AppKey'), v('VariableValue', 'Literal-Secret-3'), v('DoNotShowVariableValue', 'true')]),
    step('Fine', 'SMS_TaskSequence_RunCommandLineAction', [v('CommandLine', 'net use Z: \\\\srv\\s /p:%Pw%')]),
    step('Join by reference', 'SMS_TaskSequence_JoinDomainWorkgroupAction', [v('OSDJoinPassword', '%JoinPw%', 'DomainPassword')]),
    step('MDT', undefined, [], 'cmd /c x.exe /password:Literal-Secret-4'),
  ], [v('OSDLocalAdminPassword', 'Literal-Secret-5')]);
  assert.deepEqual(problems.map((p) => `${p.path ?? ''}|${p.field}|${p.severity}|${p.code}`), [
    'Map drive|CommandLine|warning|secret-in-sequence', 'Join|OSDJoinPassword|warning|secret-in-sequence',
    'Hidden|VariableValue|warning|secret-in-sequence', 'MDT|action|warning|secret-in-sequence',
    '|OSDLocalAdminPassword|warning|secret-in-sequence',
  ]);
  assert.ok(problems.every((p) => !/Literal-Secret/.test(p.message)));
});
