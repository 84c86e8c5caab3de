import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { SequenceDocument, SequenceNode } from '../definition/model.ts';
import { compileProgram } from './compile-program.ts';
import { afterResult } from '../machine/transitions.ts';

const step = (name: string, extra: Partial<SequenceNode> = {}): SequenceNode => ({ kind: 'step', name, type: 'SMS_TaskSequence_SetVariableAction', ...extra } as SequenceNode);
const grp = (name: string, children: SequenceNode[], extra: object = {}): SequenceNode => ({ kind: 'group', name, children, ...extra } as SequenceNode);
const doc = (children: SequenceNode[]): SequenceDocument => ({ sequence: { version: '3.10', children } });

test('groups and steps get indexes; containers know where they end', () => {
  const { program, problems } = compileProgram(doc([grp('A', [step('a1'), grp('B', [step('b1')])]), step('top')]), { file: 'f.xml' });
  assert.deepEqual(problems, []);
  assert.deepEqual(program.instructions.map((i) => [i.index, i.path, i.kind, i.parent, i.end]), [
    [0, 'A', 'group', -1, 4], [1, 'A/a1', 'step', 0, 2], [2, 'A/B', 'group', 0, 4], [3, 'A/B/b1', 'step', 2, 4], [4, 'top', 'step', -1, 5],
  ]);
});

test('failure propagation: to the nearest continue-on-error group, else the sequence fails', () => {
  const { program } = compileProgram(doc([
    grp('Outer', [grp('Inner', [step('fails'), step('next')]), step('after inner')], { continueOnError: true }),
    step('after outer'),
    step('coe', { continueOnError: true }),
  ]), { file: 'f.xml' });
  assert.deepEqual(afterResult(program, 2, false), { kind: 'next', ip: 5, caughtBy: 0, abortedGroups: [1, 0] });
  assert.deepEqual(afterResult(program, 2, true), { kind: 'next', ip: 3, abortedGroups: [] });
  assert.deepEqual(afterResult(program, 5, false), { kind: 'sequence-failed', abortedGroups: [] });
  assert.deepEqual(afterResult(program, 6, false), { kind: 'next', ip: 7, abortedGroups: [] });
});

test('Run Task Sequence inlines its child; a cycle and a missing child are errors', () => {
  const sub = (id: string): SequenceNode => ({ kind: 'subtasksequence', name: `Run ${id}`, type: 'SMS_TaskSequence_SubTasksequence', defaultVarList: [{ name: 'OSDSubTasksequencePackageID', property: 'TsPackageID', value: id }] } as SequenceNode);
  const children = {
    LAB00002: { document: { package: { packageId: 'LAB00002' }, sequence: { version: '3.10', children: [step('child step')], globalVarList: [{ name: 'G', value: '1' }] } }, file: 'child.xml' },
    LAB00003: { document: { sequence: { version: '3.10', children: [sub('LAB00003')] } }, file: 'loop.xml' },
  } as const;
  const ok = compileProgram({ package: { packageId: 'LAB00001' }, sequence: { version: '3.10', children: [sub('LAB00002')] } }, { file: 'p.xml', children: children as never });
  assert.deepEqual(ok.problems, []);
  assert.deepEqual(ok.program.instructions.map((i) => [i.path, i.kind, i.file]), [['Run LAB00002', 'group', 'p.xml'], ['Run LAB00002/child step', 'step', 'child.xml']]);
  assert.deepEqual(ok.program.globals.map((g) => g.name), ['G']);
  const loop = compileProgram(doc([sub('LAB00003')]), { file: 'p.xml', children: children as never });
  assert.equal(loop.problems[0].code, 'child-cycle');
  const missing = compileProgram(doc([sub('LAB00009')]), { file: 'p.xml', children: children as never });
  assert.equal(missing.problems[0].code, 'missing-child');
  assert.equal(missing.problems[0].path, 'Run LAB00009');
});

test('packages: the referenceList only (steps declare their own packages to the preflight)', () => {
  const { program } = compileProgram({ sequence: { version: '3.10', referenceList: [{ package: 'LAB00001' }, { application: 'ScopeId_X/App' }], children: [
    step('cmd', { type: 'SMS_TaskSequence_RunCommandLineAction', action: 'smsswd.exe /run:LAB00002 setup.exe', defaultVarList: [{ name: 'PackageID', property: 'PackageID', value: 'LAB00002' }] }),
    step('off', { disable: true, defaultVarList: [{ name: 'PackageID', property: 'PackageID', value: 'LAB00003' }] }),
  ] } }, { file: 'f.xml' });
  assert.deepEqual(program.packages, ['LAB00001']);
});
