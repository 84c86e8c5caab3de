import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Condition, SequenceDocument, SequenceNode, VariableEntry } from '../definition/model.ts';
import { compileProgram } from '../program/index.ts';
import { standAloneMediaProblems } from './standalone-media-rules.ts';

const notFull: Condition = { children: [{ kind: 'expression', type: 'SMS_TaskSequence_VariableConditionExpression', properties: [
  { name: 'Operator', value: 'notEquals' }, { name: 'Value', value: 'FullMedia' }, { name: 'Variable', value: '_SMSTSMediaType' }] }] };
const step = (name: string, type: string, extra: Partial<SequenceNode> & { defaultVarList?: VariableEntry[] } = {}): SequenceNode => ({ kind: 'step', name, type: `SMS_TaskSequence_${type}`, ...extra } as SequenceNode);
const grp = (name: string, children: SequenceNode[], extra: object = {}): SequenceNode => ({ kind: 'group', name, children, ...extra } as SequenceNode);
const program = (children: SequenceNode[], globals: VariableEntry[] = []) => {
  const doc: SequenceDocument = { sequence: { version: '3.10', children, globalVarList: globals } };
  return compileProgram(doc, { file: 'ts.xml' }).program;
};
const paths = (children: SequenceNode[], globals?: VariableEntry[]) => standAloneMediaProblems(program(children, globals)).map((p) => `${p.path ?? p.field}: ${p.code}`);

test('every step that needs a site is an error with its path', () => {
  assert.deepEqual(paths([
    step('Drivers', 'AutoApplyAction'), step('Download', 'DownloadPackageContentAction'), step('Updates', 'InstallUpdateAction'),
    grp('State', [step('Request', 'RequestStateStoreAction'), step('Release', 'ReleaseStateStoreAction')]),
    step('Shell', 'RunCommandLineAction'),
  ]), [
    'Drivers: unsupported-on-standalone-media', 'Download: unsupported-on-standalone-media', 'Updates: unsupported-on-standalone-media',
    'State/Request: unsupported-on-standalone-media', 'State/Release: unsupported-on-standalone-media',
  ]);
});

test('Install Application and Install Package only with a dynamic list; user device affinity variables', () => {
  const v = (name: string, value: string): VariableEntry => ({ name, property: name, value });
  assert.deepEqual(paths([
    step('Apps by name', 'InstallApplicationAction', { defaultVarList: [v('ApplicationName', 'Office')] }),
    step('Apps by list', 'InstallApplicationAction', { defaultVarList: [v('BaseVariableName', 'XApps')] }),
    step('Packages by list', 'InstallSoftwareAction', { defaultVarList: [v('BaseVariableName', 'PACKAGES')] }),
    step('Affinity', 'SetVariableAction', { defaultVarList: [v('VariableName', 'SMSTSAssignUsersMode'), v('VariableValue', 'Auto')] }),
    step('Other variable', 'SetVariableAction', { defaultVarList: [v('VariableName', 'Role'), v('VariableValue', 'Kiosk')] }),
  ], [v('SMSTSUDAUsers', 'LAB\\alice')]), [
    'Apps by list: unsupported-on-standalone-media', 'Packages by list: unsupported-on-standalone-media',
    'Affinity: unsupported-on-standalone-media', 'SMSTSUDAUsers: unsupported-on-standalone-media',
  ]);
});

test('a step that cannot be reached on stand-alone media is not an error', () => {
  assert.deepEqual(paths([
    step('Guarded', 'AutoApplyAction', { condition: notFull }),
    grp('Site only', [step('Download', 'DownloadPackageContentAction')], { condition: notFull }),
    step('Disabled', 'InstallUpdateAction', { disable: true }),
    grp('Off', [step('Request', 'RequestStateStoreAction')], { disable: true }),
  ]), []);
});

test('a condition that depends on something else counts as reachable', () => {
  const maybe: Condition = { children: [{ kind: 'expression', type: 'SMS_TaskSequence_VariableConditionExpression', properties: [
    { name: 'Operator', value: 'equals' }, { name: 'Value', value: 'true' }, { name: 'Variable', value: 'UseDriverCatalog' }] }] };
  const problems = standAloneMediaProblems(program([step('Drivers', 'AutoApplyAction', { condition: maybe })]));
  assert.equal(problems.length, 1);
  assert.match(problems[0].message, /Auto Apply Drivers asks the management point.*_SMSTSMediaType notEquals FullMedia/);
  assert.equal(problems[0].file, 'ts.xml');
});
