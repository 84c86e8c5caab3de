import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { SequenceNode, VariableEntry } from '../definition/model.ts';
import type { ContentPort } from '../ports/content.ts';
import type { StepModule } from '../step-module.ts';
import { compileProgram } from '../program/index.ts';
import { createRegistry } from '../registry/index.ts';
import { EXIT_ACCESS_DENIED, EXIT_CONTENT_NOT_FOUND, EXIT_NOT_SUPPORTED } from '../step-exit-codes.ts';
import { preflightProgram, requiredPackages } from './preflight.ts';

const v = (name: string, value: string): VariableEntry => ({ name, property: name, value });
const manifest = (type: string) => ({ types: [{ type, displayName: type, defaultRunIn: 'WinPEandFullOS' as const }], options: [] });
const fake = (id: string, extra: Partial<StepModule> = {}): StepModule => ({
  id, component: id, manifest: manifest(`Fake_${id}`), runIn: 'both', rerunnable: true, ports: [],
  // Writing a `_` name is the certain failure these tests are about.
  validate: (view) => (view.options.VariableName?.startsWith('_')
    ? [{ severity: 'error', code: 'read-only-variable', field: 'VariableName', message: `cannot write ${view.options.VariableName}` }]
    : []),
  packages: (view) => (view.options.PackageID ? [view.options.PackageID] : []),
  run: async () => ({ exitCode: 0 }),
  ...extra,
});
const registry = createRegistry([
  fake('Write'), fake('Setup', { continueOnError: 'ignored' }), fake('Drivers', { manifest: manifest('SMS_TaskSequence_AutoApplyAction') }),
]);
const step = (name: string, type: string, extra: Partial<SequenceNode> & { defaultVarList?: VariableEntry[] } = {}): SequenceNode => ({ kind: 'step', name, type, ...extra } as SequenceNode);
const writes = (name: string, extra: object = {}) => step(name, 'Fake_Write', { defaultVarList: [v('VariableName', '_SMSTSInWinPE')], ...extra });
const grp = (name: string, children: SequenceNode[], extra: object = {}): SequenceNode => ({ kind: 'group', name, children, ...extra } as SequenceNode);
const program = (children: SequenceNode[]) => compileProgram({ sequence: { version: '3.10', children } }, { file: 'ts.xml' }).program;
const check = (children: SequenceNode[], mode: 'validate' | 'run' = 'validate', content?: ContentPort) =>
  preflightProgram({ program: program(children), registry, mode, content });
const summary = (r: ReturnType<typeof check>) => r.problems.map((p) => `${p.severity} ${p.path}: ${p.field}: ${p.code}`);
const NO_CONTENT: ContentPort = {
  resolve: () => undefined, available: () => [], files: () => [], readText: () => undefined,
  stage: async () => { throw new Error('not used'); },
} as unknown as ContentPort;

test('a certain failure the step continues on error for is a warning, and the step is marked', () => {
  const r = check([writes('Bad', { continueOnError: true }), step('Next', 'Fake_Write')]);
  assert.deepEqual(summary(r), ['warning Bad: VariableName: read-only-variable']);
  assert.match(r.problems[0].message, /cannot write _SMSTSInWinPE; the step continues on error, so a run fails it \(exit code 5\) and goes on/);
  assert.deepEqual(r.program.instructions[0].certainFailure, { code: 'read-only-variable', message: 'cannot write _SMSTSInWinPE', field: 'VariableName', exitCode: EXIT_ACCESS_DENIED });
  assert.equal(r.program.instructions[1].certainFailure, undefined);
});

test('without continue on error it is an error and nothing is marked', () => {
  const children = [writes('Bad'), step('Next', 'Fake_Write')];
  const r = check(children);
  assert.deepEqual(summary(r), ['error Bad: VariableName: read-only-variable']);
  assert.ok(r.program.instructions.every((i) => !i.certainFailure));
  assert.deepEqual(summary(check(children, 'run')), ['error Bad: VariableName: read-only-variable']);
});

test('the nearest group that continues on error catches it; the input program is left alone', () => {
  const children = [grp('Outer', [grp('Inner', [writes('Bad')])], { continueOnError: true })];
  const input = program(children);
  const r = preflightProgram({ program: input, registry, mode: 'run' });
  assert.deepEqual(summary(r), ['warning Outer/Inner/Bad: VariableName: read-only-variable']);
  assert.match(r.problems[0].message, /the group Outer continues on error, so a run fails the step \(exit code 5\) and continues after that group/);
  assert.equal(r.program.instructions[2].certainFailure?.exitCode, EXIT_ACCESS_DENIED);
  assert.equal(input.instructions[2].certainFailure, undefined);
});

test("a module whose continue on error is ignored does not catch its own failure; a group around it does", () => {
  const setup = (extra: object = {}) => step('Setup', 'Fake_Setup', { continueOnError: true, defaultVarList: [v('VariableName', '_X')], ...extra });
  assert.deepEqual(summary(check([setup()])), ['error Setup: VariableName: read-only-variable']);
  assert.deepEqual(summary(check([grp('G', [setup()], { continueOnError: true })])), ['warning G/Setup: VariableName: read-only-variable']);
});

test('a step type this version cannot run: a warning in validate either way, in run an error unless caught', () => {
  const bitLocker = (extra: object = {}) => step('BitLocker', 'SMS_TaskSequence_EnableBitLockerAction', extra);
  assert.deepEqual(summary(check([bitLocker()])), ['warning BitLocker: type: unsupported-step-type']);
  assert.match(check([bitLocker()]).problems[0].message, /\(a run refuses it\)$/);
  assert.deepEqual(summary(check([bitLocker()], 'run')), ['error BitLocker: type: unsupported-step-type']);
  const caught = check([bitLocker({ continueOnError: true })], 'run');
  assert.deepEqual(summary(caught), ['warning BitLocker: type: unsupported-step-type']);
  assert.equal(caught.program.instructions[0].certainFailure?.exitCode, EXIT_NOT_SUPPORTED);
});

test('a missing package fails each step that needs it; caught, it is not staged', () => {
  const needs = (name: string, extra: object = {}) => step(name, 'Fake_Write', { defaultVarList: [v('PackageID', 'LAB00012')], ...extra });
  assert.deepEqual(summary(check([needs('Install')], 'run', NO_CONTENT)), ['error Install: package: missing-package']);
  const r = check([needs('Install', { continueOnError: true }), needs('Again', { continueOnError: true })], 'run', NO_CONTENT);
  assert.deepEqual(summary(r), ['warning Install: package: missing-package', 'warning Again: package: missing-package']);
  assert.equal(r.program.instructions[1].certainFailure?.exitCode, EXIT_CONTENT_NOT_FOUND);
  assert.deepEqual(requiredPackages({ program: r.program, registry }), []);
  const mixed = check([needs('Install', { continueOnError: true }), needs('Must')], 'run', NO_CONTENT);
  assert.deepEqual(summary(mixed), ['warning Install: package: missing-package', 'error Must: package: missing-package']);
});

test('a step that fails for another reason is not reported again for its package', () => {
  const both = step('Both', 'Fake_Write', { continueOnError: true, defaultVarList: [v('VariableName', '_X'), v('PackageID', 'LAB00012')] });
  const r = check([both], 'run', NO_CONTENT);
  assert.deepEqual(summary(r), ['warning Both: VariableName: read-only-variable']);
  assert.equal(r.program.instructions[0].certainFailure?.code, 'read-only-variable');
});

test('findings about the sequence stay errors under continue on error (an invalid condition)', () => {
  const badCondition = { children: [{ kind: 'expression', type: 'SMS_TaskSequence_VariableConditionExpression', properties: [{ name: 'Operator', value: 'sortOf' }, { name: 'Variable', value: 'A' }, { name: 'Value', value: '1' }] }] };
  const r = check([step('Odd', 'Fake_Write', { continueOnError: true, condition: badCondition } as object)]);
  assert.ok(r.problems.some((p) => p.severity === 'error' && p.path === 'Odd'), JSON.stringify(r.problems));
  assert.equal(r.program.instructions[0].certainFailure, undefined);
});

test('stand-alone media: a site-only step is a certain failure, user device affinity is not', () => {
  const media = (children: SequenceNode[]) => preflightProgram({ program: program(children), registry, mode: 'run', mediaType: 'FullMedia' });
  const drivers = media([step('Drivers', 'SMS_TaskSequence_AutoApplyAction', { continueOnError: true })]);
  assert.ok(drivers.problems.some((p) => p.code === 'unsupported-on-standalone-media' && p.severity === 'warning'), JSON.stringify(drivers.problems));
  assert.equal(drivers.program.instructions[0].certainFailure?.code, 'unsupported-on-standalone-media');
  const affinity = media([step('Affinity', 'SMS_TaskSequence_SetVariableAction', { continueOnError: true, defaultVarList: [v('VariableName', 'SMSTSAssignUsersMode')] })]);
  assert.ok(affinity.problems.some((p) => p.code === 'unsupported-on-standalone-media' && p.severity === 'error'), JSON.stringify(affinity.problems));
});

test("a step's checks see the run's connected shares when the run knows them, and none in validate", () => {
  const seen: Array<readonly string[] | undefined> = [];
  const capture = fake('Capture', {
    validate: (view) => {
      seen.push(view.connectedShares);
      return view.connectedShares && !view.connectedShares.includes('\\\\lab\\captures')
        ? [{ severity: 'error', code: 'network-destination', field: 'CaptureDestination', message: 'not connected' }] : [];
    },
  });
  const withCapture = createRegistry([capture]);
  const run = (connectedShares?: string[]) => preflightProgram({ program: program([step('Capture', 'Fake_Capture', { continueOnError: true })]), registry: withCapture, mode: 'run', connectedShares });
  assert.deepEqual(run(['\\\\lab\\captures']).problems, []);
  const refused = run([]);
  assert.deepEqual(summary(refused), ['warning Capture: CaptureDestination: network-destination']);
  assert.equal(refused.program.instructions[0].certainFailure?.exitCode, 87);
  assert.deepEqual(run().problems, []);
  assert.deepEqual(seen, [['\\\\lab\\captures'], [], undefined]);
});
