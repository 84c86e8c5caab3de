import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { SequenceDocument, SequenceNode } from '../definition/model.ts';
import { compileProgram } from '../program/index.ts';
import { EXIT_ABORTED, EXIT_WRONG_ENVIRONMENT } from '../step-exit-codes.ts';
import type { StepRecord } from '../journal/records.ts';
import { decide } from './decide.ts';
import type { Effect, ProgramView, RunFacts, StepTraits } from './decision.ts';

const step = (name: string, extra: Partial<SequenceNode> = {}): SequenceNode => ({ kind: 'step', name, type: 'T', ...extra } as SequenceNode);
const grp = (name: string, children: SequenceNode[], extra: object = {}): SequenceNode => ({ kind: 'group', name, children, ...extra } as SequenceNode);
const CONDITION = { children: [] };
const BOTH: StepTraits = { runIn: 'both', rerunnable: false, continueOnErrorIgnored: false };

function view(children: SequenceNode[], traits: StepTraits = BOTH): ProgramView {
  const doc: SequenceDocument = { sequence: { version: '3.10', children } };
  const { program } = compileProgram(doc, { file: 'f.xml' });
  return { program, traits: program.instructions.map((i) => (i.kind === 'step' ? traits : undefined)) };
}

const FULL_OS: RunFacts = { inWinPE: false };
const start = { ip: 0, attempt: 1 };
const kinds = (effects: Effect[]): string[] => effects.map((e) => e.kind);
const logs = (effects: Effect[]): string[] => effects.flatMap((e) => (e.kind === 'log' ? [`${e.severity}: ${e.message}`] : []));
const sets = (effects: Effect[]): Record<string, string> =>
  Object.fromEntries(effects.flatMap((e) => (e.kind === 'set-variable' ? [[e.name, e.value]] : [])));
const record = (index: number, outcome: StepRecord['outcome'], exitCode?: number): StepRecord => ({ index, path: `s${index}`, name: `s${index}`, type: 'T', outcome, startedInWinPE: false, ...(exitCode !== undefined ? { exitCode } : {}) });

test('dispatching enters groups and places the first step, naming it as the current action', () => {
  const { state, effects } = decide(view([grp('G', [step('a')])]), start, { type: 'dispatch', facts: FULL_OS });
  assert.deepEqual(state, { value: 'running', ip: 1, attempt: 1 });
  assert.deepEqual(logs(effects), ['info: Entering the group (G). Instruction pointer: 0']);
  assert.deepEqual(sets(effects), { _SMSTSCurrentActionName: 'a', _SMSTSNextInstructionPointer: '1' });
});

test('a disabled group is skipped with every step in it recorded as disabled', () => {
  const { state, effects } = decide(view([grp('G', [step('a'), step('b')], { disable: true }), step('c')]), start, { type: 'dispatch', facts: FULL_OS });
  assert.equal(state.value, 'running');
  assert.equal(state.ip, 3);
  const skips = effects.flatMap((e) => (e.kind === 'record-skip' ? [[e.record.name, e.record.outcome, e.record.reason]] : []));
  assert.deepEqual(skips, [['a', 'disabled', 'its group (G) is disabled'], ['b', 'disabled', 'its group (G) is disabled']]);
  assert.deepEqual(logs(effects), ['info: The group (G) has been skipped because it is disabled']);
});

test('a condition is asked for, and a false one skips the step with the clause that was false', () => {
  const v = view([step('a', { condition: CONDITION } as never), step('b')]);
  const asked = decide(v, start, { type: 'dispatch', facts: FULL_OS });
  assert.deepEqual(asked.state, { value: 'dispatching', ip: 0, attempt: 1, interrupted: undefined });
  assert.deepEqual(asked.effects, [{ kind: 'evaluate-condition', ip: 0 }]);
  const after = decide(v, asked.state, { type: 'condition', ip: 0, verdict: { holds: false, falseClause: 'X equals "1" (value: "2")' }, facts: FULL_OS });
  assert.deepEqual(after.state, { value: 'running', ip: 1, attempt: 1 });
  assert.deepEqual(after.effects[0], { kind: 'record-skip', record: { index: 0, path: 'a', name: 'a', type: 'T', outcome: 'skipped', reason: 'X equals "1" (value: "2")', startedInWinPE: false } });
});

test('a condition that cannot be evaluated fails the step, which fails the sequence', () => {
  const v = view([step('a', { condition: CONDITION } as never), step('b')]);
  const { state, effects } = decide(v, start, { type: 'condition', ip: 0, verdict: { error: 'the condition could not be evaluated: boom' }, facts: FULL_OS });
  assert.equal(state.value, 'failed');
  assert.equal(state.last?.reason, 'the condition could not be evaluated: boom');
  assert.deepEqual(sets(effects), { _SMSTSLastActionName: 'a', _SMSTSLastActionRetCode: String(0x80004005), _SMSTSLastActionSucceeded: 'false' });
  assert.deepEqual(logs(effects), ['error: Failed to run the last action: a. Execution of task sequence failed.']);
});

test('a Windows PE step reached in the full OS fails with where it runs, and continue on error goes on', () => {
  const v = view([step('pe', { continueOnError: true } as never), step('next')], { ...BOTH, runIn: 'WinPE' });
  const { state, effects } = decide(v, start, { type: 'dispatch', facts: FULL_OS });
  assert.deepEqual({ value: state.value, ip: state.ip, exitCode: state.last?.exitCode }, { value: 'dispatching', ip: 1, exitCode: EXIT_WRONG_ENVIRONMENT });
  assert.match(state.last?.reason ?? '', /runs only in Windows PE/);
  assert.deepEqual(kinds(effects).slice(-2), ['report-result', 'log']);
  assert.deepEqual(logs(effects), ['warning: The action (pe) failed and continues on error']);
});

test('an interrupted step is run again when it may be, and failed as aborted when not', () => {
  const interrupted = { ...start, interrupted: { ip: 0, attempt: 1 } };
  const rerun = decide(view([step('a')], { ...BOTH, rerunnable: true }), interrupted, { type: 'dispatch', facts: FULL_OS });
  assert.deepEqual(rerun.state, { value: 'running', ip: 0, attempt: 2 });
  assert.match(logs(rerun.effects)[0], /interrupted by an unexpected restart; running it again \(the step is safe to re-run, attempt 2\)/);
  const aborted = decide(view([step('a')]), interrupted, { type: 'dispatch', facts: FULL_OS });
  assert.equal(aborted.state.value, 'failed');
  assert.equal(aborted.state.last?.exitCode, EXIT_ABORTED);
});

test('the interrupted event keeps the interruption in the state for dispatching', () => {
  const { state, effects } = decide(view([step('a')]), { ip: 0, attempt: 1 }, { type: 'interrupted', ip: 0, attempt: 1 });
  assert.deepEqual(state, { value: 'dispatching', ip: 0, attempt: 1, interrupted: { ip: 0, attempt: 1 } });
  assert.deepEqual(effects, []);
});

test('the end of the program succeeds', () => {
  const { state } = decide(view([step('a', { disable: true } as never)]), start, { type: 'dispatch', facts: FULL_OS });
  assert.deepEqual(state, { value: 'succeeded', ip: 0, attempt: 1, exitCode: 0 });
});

test('a restart request is taken and cleared; with a retry the same step runs again after it', () => {
  const v = view([step('a'), step('b')]);
  const facts: RunFacts = { inWinPE: false, rebootRequested: 'WinPE', retryRequested: 'true' };
  const { state, effects } = decide(v, start, { type: 'step-done', ip: 0, execution: { record: record(0, 'succeeded', 0), succeeded: true }, shutdownRequested: false, facts });
  assert.deepEqual(state, { value: 'rebooting', ip: 0, attempt: 1, last: record(0, 'succeeded', 0), reboot: { target: 'WinPE', afterStep: 0 } });
  assert.deepEqual(sets(effects), { SMSTSRebootRequested: '', SMSTSRetryRequested: '' });
});

test('a shutdown ends the run successfully and wins over a restart request', () => {
  const v = view([step('a'), step('b')]);
  const facts: RunFacts = { inWinPE: false, rebootRequested: 'HD' };
  const { state, effects } = decide(v, start, { type: 'step-done', ip: 0, execution: { record: record(0, 'succeeded', 0), succeeded: true }, shutdownRequested: true, facts });
  assert.deepEqual({ value: state.value, exitCode: state.exitCode, shutdownAfter: state.shutdownAfter }, { value: 'succeeded', exitCode: 0, shutdownAfter: 0 });
  assert.deepEqual(logs(effects), ['info: The action (a) shuts the computer down; the task sequence ends here (1 later instructions do not run)']);
  assert.deepEqual(sets(effects), { SMSTSRebootRequested: '', SMSTSRetryRequested: '' });
});

test('a failure is caught by the nearest continue-on-error group; a refused restart is caught by none', () => {
  const v = view([grp('Outer', [grp('Inner', [step('fails')])], { continueOnError: true }), step('after')]);
  const failedStep = { record: record(2, 'failed', 1), succeeded: false };
  const caught = decide(v, start, { type: 'step-done', ip: 2, execution: failedStep, shutdownRequested: false, facts: FULL_OS });
  assert.deepEqual({ value: caught.state.value, ip: caught.state.ip }, { value: 'dispatching', ip: 3 });
  assert.deepEqual(logs(caught.effects), [
    'error: The execution of the group (Inner) has failed and the execution has been aborted',
    'error: The execution of the group (Outer) has failed and the execution has been aborted',
    'warning: The group (Outer) continues on error: the run goes on after it',
  ]);
  const refused = decide(v, start, { type: 'step-done', ip: 2, execution: { ...failedStep, restartRefused: true }, shutdownRequested: false, facts: FULL_OS });
  assert.deepEqual({ value: refused.state.value, exitCode: refused.state.exitCode }, { value: 'failed', exitCode: 1 });
});

test('a step whose continue on error is ignored fails the sequence and says so', () => {
  const v = view([step('a', { continueOnError: true } as never), step('b')], { ...BOTH, continueOnErrorIgnored: true });
  const { state, effects } = decide(v, start, { type: 'step-done', ip: 0, execution: { record: record(0, 'failed', 5), succeeded: false }, shutdownRequested: false, facts: FULL_OS });
  assert.deepEqual({ value: state.value, exitCode: state.exitCode }, { value: 'failed', exitCode: 5 });
  assert.equal(logs(effects)[0], 'warning: The action (a) failed; continue on error does not apply to this step');
});
