import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { SequenceDocument, SequenceNode } from '../definition/model.ts';
import { compileProgram } from './compile-program.ts';
import { failureCatcher } from './failure-catcher.ts';
import { afterResult } from '../machine/transitions.ts';

const step = (name: string, extra: Partial<SequenceNode> = {}): SequenceNode => ({ kind: 'step', name, type: 'SMS_TaskSequence_SetVariableAction', ...extra } as SequenceNode);
const grp = (name: string, children: SequenceNode[], extra: object = {}): SequenceNode => ({ kind: 'group', name, children, ...extra } as SequenceNode);
const doc = (children: SequenceNode[]): SequenceDocument => ({ sequence: { version: '3.10', children } });

const { program } = compileProgram(doc([
  grp('Outer', [grp('Inner', [step('fails'), step('coe', { continueOnError: true })]), step('in outer')], { continueOnError: true }),
  step('top'),
  step('top coe', { continueOnError: true }),
]), { file: 'f.xml' });

test('the step itself, the nearest group that continues on error, or nothing', () => {
  assert.equal(failureCatcher(program, 2), 0);
  assert.equal(failureCatcher(program, 3), 'step');
  assert.equal(failureCatcher(program, 5), undefined);
  assert.equal(failureCatcher(program, 6), 'step');
});

test('a module that ignores continue on error: its own setting does not count, a group around it does', () => {
  assert.equal(failureCatcher(program, 6, true), undefined);
  assert.equal(failureCatcher(program, 3, true), 0);
});

test('agrees with the interpreter: a caught failure continues, an uncaught one fails the sequence', () => {
  for (const instr of program.instructions) {
    for (const ignored of [false, true]) {
      const caught = failureCatcher(program, instr.index, ignored) !== undefined;
      assert.equal(afterResult(program, instr.index, false, ignored).kind === 'next', caught, `${instr.path} ignored=${ignored}`);
    }
  }
});
