import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { StepDefinitionView, StepNode } from '../../engine/step-api.ts';
import { validateCommandLineStep } from './validate.ts';

function view(node: Partial<StepNode>, options: Record<string, string>): StepDefinitionView {
  const optionVariables = Object.fromEntries(Object.keys(options).map((k) => [k, k]));
  return { node: { kind: 'step', name: 'S', type: 'SMS_TaskSequence_RunCommandLineAction', ...node }, options, optionVariables };
}
const codes = (v: StepDefinitionView) => validateCommandLineStep(v).map((p) => p.code);

test('a command line from the option or the action is enough', () => {
  assert.deepEqual(codes(view({}, { CommandLine: 'x.exe' })), []);
  assert.deepEqual(codes(view({ action: 'smsswd.exe /run: x.exe' }, {})), []);
  assert.deepEqual(codes(view({ type: 'BDD_Gather', action: 'cscript.exe a.wsf' }, {})), []);
});

test('no command line is an error', () => {
  assert.deepEqual(codes(view({ action: 'smsswd.exe /run: ' }, { CommandLine: '' })), ['missing-command-line']);
  assert.deepEqual(codes(view({ type: 'BDD_Gather' }, {})), ['missing-command-line']);
});

test('too long a command line is an error', () => {
  assert.deepEqual(codes(view({}, { CommandLine: 'x'.repeat(32001) })), ['command-line-too-long']);
});

test('output variable must be a writable name', () => {
  assert.deepEqual(codes(view({}, { CommandLine: 'x', OutputVariableName: '_SMSTSX' })), ['read-only-variable']);
  assert.deepEqual(codes(view({}, { CommandLine: 'x', OutputVariableName: 'has space' })), ['invalid-variable-name']);
  assert.deepEqual(codes(view({}, { CommandLine: 'x', OutputVariableName: '%Target%' })), []);
});

test('run-as on a WinPE-only step is an error', () => {
  assert.deepEqual(codes(view({ runIn: 'WinPE' }, { CommandLine: 'x', RunAsUser: 'true' })), ['run-as-in-winpe']);
  assert.deepEqual(codes(view({ runIn: 'WinPEandFullOS' }, { CommandLine: 'x', RunAsUser: 'true' })), []);
});
