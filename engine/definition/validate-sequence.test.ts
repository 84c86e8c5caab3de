import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { loadDocument, validateDocument } from './load-document.ts';
import type { SequenceDocument, StepNode } from './model.ts';
import { unknownStepSeverity } from './validate-node.ts';
import { FIXTURE_TYPES } from './test-support/fixture-catalog.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));

function problemsOf(name: string, options = {}) {
  const r = loadDocument(fixture(name), name, { ...FIXTURE_TYPES, ...options });
  assert.ok(r.loaded);
  return r.problems;
}

test('clean fixtures have no problems', () => {
  assert.deepEqual(problemsOf('configmgr-sequence.xml'), []);
  assert.deepEqual(problemsOf('mdt-ts.xml').map((p) => p.code), ['success-codes-disagree']);
});

test('every problem of a bad file is collected with its path, field and line', () => {
  const seen = problemsOf('invalid-values.xml').map((p) => [p.line, p.severity, p.code, p.path ?? '', p.field ?? '']);
  assert.deepEqual(seen, [
    [1, 'error', 'unsupported-version', '', 'version'],
    [4, 'error', 'invalid-variable-name', '', 'has space'],
    [5, 'warning', 'duplicate-variable', '', 'good'],
    [7, 'error', 'invalid-boolean', 'Checks', 'disable'],
    [8, 'error', 'invalid-boolean', 'Checks/Bad attributes', 'continueOnError'],
    [8, 'error', 'invalid-integer', 'Checks/Bad attributes', 'timeout'],
    [8, 'error', 'invalid-integer', 'Checks/Bad attributes', 'retryCount'],
    [8, 'error', 'invalid-run-in', 'Checks/Bad attributes', 'runIn'],
    [8, 'error', 'invalid-success-codes', 'Checks/Bad attributes', 'successCodeList'],
    [11, 'error', 'invalid-timeout', 'Checks/Zero timeout', 'timeout'],
    [13, 'error', 'unknown-operator', 'Checks/Zero timeout', 'type'],
    [14, 'error', 'missing-property', 'Checks/Zero timeout', 'Variable'],
    [14, 'error', 'unknown-operator', 'Checks/Zero timeout', 'Operator'],
    [19, 'warning', 'empty-operator', 'Checks/Zero timeout', 'type'],
    [20, 'error', 'unknown-condition-type', 'Checks/Zero timeout', 'type'],
    [27, 'warning', 'duplicate-variable', 'Checks/Zero timeout', 'osdthing'],
    [30, 'error', 'unknown-step-type', 'Checks/Custom with action', 'type'],
    [33, 'error', 'unknown-step-type', 'Checks/Custom without action', 'type'],
    [34, 'error', 'missing-name', 'Checks/(unnamed)', 'name'],
    [37, 'error', 'missing-child-package', 'Checks/Child without id', 'OSDSubTasksequencePackageID'],
  ]);
});

test('with allowUnknownSteps an unknown step with an action is a warning; without an action it stays an error', () => {
  const unknown = problemsOf('invalid-values.xml', { allowUnknownSteps: true }).filter((p) => p.code === 'unknown-step-type');
  assert.deepEqual(unknown.map((p) => [p.path, p.severity]), [['Checks/Custom with action', 'warning'], ['Checks/Custom without action', 'error']]);
  assert.match(unknown[0].message, /run its <action> as a command line/);
  const step: StepNode = { kind: 'step', name: 'x', type: 'X', action: ' ' };
  assert.equal(unknownStepSeverity(step, true), 'error');
  assert.equal(unknownStepSeverity({ ...step, action: 'run.exe' }, true), 'warning');
  assert.equal(unknownStepSeverity({ ...step, action: 'run.exe' }, false), 'error');
});

test('empty operators warn with their meaning: and is true, or is false, not is true', () => {
  const doc: SequenceDocument = {
    sequence: {
      version: '3.00',
      children: [{
        kind: 'step', name: 'S', action: 'x', condition: {
          children: ['and', 'or', 'not'].map((operator) => ({ kind: 'operator' as const, operator, children: [] })),
        },
      }],
    },
  };
  const messages = validateDocument(doc, 'd.json', FIXTURE_TYPES).map((p) => `${p.code}: ${p.message}`);
  assert.deepEqual(messages, [
    'empty-operator: <operator type="and"> has no clauses; it counts as true',
    'empty-operator: <operator type="or"> has no clauses; it counts as false',
    'empty-operator: <operator type="not"> has no clauses; it counts as true',
  ]);
});

test('a differently cased step type is unknown, with a hint', () => {
  const doc: SequenceDocument = { sequence: { version: '3.10', children: [{ kind: 'step', name: 'S', type: 'SMS_TaskSequence_rebootaction', action: 'x' }] } };
  const [p] = validateDocument(doc, 'd', FIXTURE_TYPES);
  assert.equal(p.code, 'unknown-step-type');
  assert.match(p.message, /did you mean SMS_TaskSequence_RebootAction\?/);
});

test('untyped steps need an action; variable operators match without case', () => {
  const doc: SequenceDocument = {
    sequence: {
      version: '3.10', children: [
        { kind: 'step', name: 'No action' },
        {
          kind: 'step', name: 'Case', action: 'x', condition: {
            children: [{ kind: 'expression', type: 'SMS_TaskSequence_VariableConditionExpression', properties: [{ name: 'Variable', value: 'V' }, { name: 'Operator', value: 'GreaterEqual' }] }],
          },
        },
      ],
    },
  };
  assert.deepEqual(validateDocument(doc, 'd').map((p) => [p.path, p.code]), [['No action', 'missing-action']]);
});

test('hooks add checks per condition and per node, with file, path and line filled in', () => {
  const doc: SequenceDocument = {
    sequence: {
      version: '3.10',
      children: [{ kind: 'group', name: 'G', loc: { line: 3 }, condition: { children: [], loc: { line: 4 } }, children: [{ kind: 'step', name: 'S', action: 'x', loc: { line: 5 } }] }],
    },
  };
  const problems = validateDocument(doc, 'd.xml', {
    checkCondition: () => [{ severity: 'warning', code: 'deep-check', message: 'looked deeper' }],
    checkNode: (node, path) => (node.kind === 'step' ? [{ severity: 'error', code: 'node-check', message: `saw ${path}`, field: 'type' }] : []),
  });
  assert.deepEqual(problems, [
    { severity: 'warning', code: 'deep-check', message: 'looked deeper', file: 'd.xml', path: 'G', line: 4 },
    { severity: 'error', code: 'node-check', message: 'saw G/S', file: 'd.xml', path: 'G/S', field: 'type', line: 5 },
  ]);
});
