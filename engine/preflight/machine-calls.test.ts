import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { SequenceNode, VariableEntry } from '../definition/model.ts';
import type { MachineCall, MachineJudge } from '../ports/machine-call.ts';
import type { StepModule } from '../step-module.ts';
import { compileProgram } from '../program/index.ts';
import { createRegistry } from '../registry/index.ts';
import { EXIT_NOT_SUPPORTED } from '../step-exit-codes.ts';
import { preflightProgram } from './preflight.ts';

const v = (name: string, value: string): VariableEntry => ({ name, property: name, value });
const commandStep: StepModule = {
  id: 'Cmd', component: 'Cmd', manifest: { types: [{ type: 'Fake_Cmd', displayName: 'Cmd', defaultRunIn: 'WinPEandFullOS' }], options: [] },
  runIn: 'both', rerunnable: true, ports: [],
  machineCalls: (view) => [{ kind: 'command', commandKind: 'command-line', commandLine: view.options.CommandLine, field: 'CommandLine' }],
  run: async () => ({ exitCode: 0 }),
};
const plainStep: StepModule = { ...commandStep, id: 'Plain', manifest: { ...commandStep.manifest, types: [{ type: 'Fake_Plain', displayName: 'Plain', defaultRunIn: 'WinPEandFullOS' }] }, machineCalls: undefined };
const registry = createRegistry([commandStep, plainStep]);
const step = (name: string, commandLine: string, extra: object = {}): SequenceNode =>
  ({ kind: 'step', name, type: 'Fake_Cmd', defaultVarList: [v('CommandLine', commandLine)], ...extra } as SequenceNode);
const program = (children: SequenceNode[]) => compileProgram({ sequence: { version: '3.10', children } }, { file: 'ts.xml' }).program;
const seen: MachineCall[] = [];
const linuxLike: MachineJudge = {
  backend: 'test',
  refusal: (call) => {
    seen.push(call);
    return call.kind === 'command' && !call.commandLine?.startsWith('/') ? 'not a Linux command line' : undefined;
  },
};
const run = (children: SequenceNode[], machine?: MachineJudge) => preflightProgram({ program: program(children), registry, mode: 'run', machine });

test('a step the backend refuses stops the run before it starts, naming the step, the field and the reason', () => {
  const r = run([step('Linux', '/bin/true'), step('Windows', 'cmd.exe /c ver')], linuxLike);
  assert.deepEqual(r.problems.map((p) => [p.severity, p.file, p.path, p.field, p.code, p.message]), [
    ['error', 'ts.xml', 'Windows', 'CommandLine', 'refused-by-backend', 'refused before the run by the test backend: not a Linux command line'],
  ]);
});

test('under continue on error the refusal is a warning and the step is marked to fail with ERROR_NOT_SUPPORTED', () => {
  const r = run([step('Windows', 'cmd.exe /c ver', { continueOnError: true }), step('Next', '/bin/true')], linuxLike);
  assert.equal(r.problems[0]?.severity, 'warning');
  assert.match(r.problems[0]!.message, /the step continues on error, so a run fails it \(exit code 50\) and goes on/);
  assert.equal(r.program.instructions[0]?.certainFailure?.exitCode, EXIT_NOT_SUPPORTED);
  assert.equal(r.program.instructions[1]?.certainFailure, undefined);
});

test('without a judge (simulated runs, plans) nothing is refused; disabled steps and steps without calls are not asked', () => {
  assert.deepEqual(run([step('Windows', 'cmd.exe')]).problems, []);
  seen.length = 0;
  const r = run([step('Off', 'cmd.exe', { disable: true }), { kind: 'step', name: 'P', type: 'Fake_Plain' } as SequenceNode], linuxLike);
  assert.deepEqual(r.problems, []);
  assert.deepEqual(seen, []);
});
