import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readJsonDocument, toJsonDocument } from './json-form.ts';
import type { SequenceDocument } from './model.ts';
import { SCHEMA_ID } from './schema/sequence-schema.ts';

const doc: SequenceDocument = {
  package: { packageId: 'LAB00030', packageType: '2' },
  sequence: {
    version: '3.10',
    loc: { line: 1 },
    children: [{
      kind: 'group', name: 'Build', loc: { line: 2 }, attributes: { loc: 'an attribute named loc is kept' },
      children: [{ kind: 'step', name: 'Prepare OS', timeout: 900, loc: { line: 3, column: 5 }, condition: { children: [], loc: { line: 4 } } }],
    }],
  },
};

test('the JSON form carries $schema, package and sequence, without source locations', () => {
  const json = toJsonDocument(doc);
  const data = JSON.parse(json);
  assert.equal(data.$schema, SCHEMA_ID);
  assert.deepEqual(data.package, doc.package);
  assert.doesNotMatch(json, /"line"/);
  assert.equal(data.sequence.children[0].attributes.loc, 'an attribute named loc is kept');
  assert.ok(json.startsWith('{\n  "$schema"'));
});

test('reading the JSON form gives the document back', () => {
  const r = readJsonDocument(toJsonDocument(doc), 'ts.json');
  assert.deepEqual(r.problems, []);
  assert.equal(r.document?.sequence.children[0].name, 'Build');
  assert.equal((r.document as unknown as Record<string, unknown>).$schema, undefined);
});

test('schema errors name the step path and the field', () => {
  const bad = {
    sequence: {
      version: '3.10',
      children: [{
        kind: 'group', name: 'Build', children: [
          { kind: 'step', name: 'Prepare OS', timeout: 'soon', colour: 'red' },
          { kind: 'step', name: 'Cond', condition: { children: [{ kind: 'operator', operator: 'and' }] } },
          { kind: 'widget', name: 'W' },
        ],
      }],
    },
  };
  const r = readJsonDocument(JSON.stringify(bad), 'ts.json');
  assert.equal(r.document, undefined);
  const seen = r.problems.map((p) => [p.path, p.field, p.message]);
  assert.deepEqual(seen, [
    ['Build/Prepare OS', undefined, 'unknown property "colour"'],
    ['Build/Prepare OS', 'timeout', 'must be integer'],
    ['Build/Cond', 'condition.children[0]', 'missing required property "children"'],
    ['Build', 'children[2].kind', 'must be one of "group", "step", "subtasksequence"'],
  ]);
  assert.ok(r.problems.every((p) => p.code === 'schema' && p.file === 'ts.json' && p.severity === 'error'));
});

test('a missing sequence is reported at the top level', () => {
  const r = readJsonDocument('{"package": {}}');
  assert.deepEqual(r.problems.map((p) => p.message), ['missing required property "sequence"']);
});

test('invalid JSON is a problem with a line, and the message does not quote the input', () => {
  const r = readJsonDocument('{\n  "sequence": {\n    "version": "3.10",\n  }\n}', 'ts.json');
  assert.equal(r.problems[0].code, 'invalid-json');
  assert.equal(r.problems[0].line, 4);
  const r2 = readJsonDocument('{"password": "hunter2" }x');
  assert.doesNotMatch(r2.problems[0].message, /hunter2/);
  const r3 = readJsonDocument('{"password": "hunter2", }');
  assert.doesNotMatch(r3.problems[0].message, /hunter2/);
});
