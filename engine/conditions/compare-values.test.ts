import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InvalidInputError } from '../problems.ts';
import { compareValues } from './compare-values.ts';

const CASES: Array<[left: string, op: string, right: string, expected: boolean]> = [
  // equality: case-insensitive text, numeric when both sides are integers
  ['true', 'equals', 'True', true],
  ['TRUE', 'equals', 'true', true],
  ['abc', 'equals', 'abd', false],
  ['007', 'equals', '7', true],
  ['+5', 'equals', '5', true],
  ['-0', 'equals', '0', true],
  ['7.0', 'equals', '7', false], // not an integer: compared as text
  [' 7', 'equals', '7', false],
  ['OEMMedia', 'notEquals', 'oemmedia', false],
  ['FullMedia', 'notEquals', 'OEMMedia', true],
  ['010', 'notEquals', '10', false],
  // ordering
  ['10', 'greater', '9', true], // numeric, not text
  ['10', 'greater', '9a', false], // text: "10" < "9a"
  ['b', 'greater', 'A', true], // case-insensitive ordinal
  ['B', 'less', 'a', false],
  ['-3', 'less', '2', true],
  ['5', 'greaterEqual', '5', true],
  ['5', 'greaterEqual', '6', false],
  ['5', 'lessEqual', '005', true],
  ['abc', 'lessEqual', 'ABD', true],
  ['99999999999999999999', 'greater', '99999999999999999998', true], // beyond 2^53
  ['99999999999999999999', 'equals', '99999999999999999999', true],
  // like / notLike
  ['Latitude 7420', 'like', 'latitude%', true],
  ['Latitude 7420', 'like', 'Latitude 742_', true],
  ['Latitude 7420', 'like', 'Latitude 74[0-3]0', true],
  ['Latitude 7420', 'like', 'Latitude 74[^2]0', false],
  ['Latitude 7420', 'like', 'Latitude', false],
  ['a.b', 'like', 'a_b', true],
  ['axb', 'like', 'a.b', false],
  ['Latitude 7420', 'notLike', 'OptiPlex%', true],
  ['Latitude 7420', 'notLike', '%7420', false],
  // exists / notExists on a set value; operator names are case-insensitive
  ['x', 'exists', '', true],
  ['x', 'notExists', '', false],
  ['x', 'EQUALS', 'X', true],
  ['2', 'GreaterEqual', '1', true],
  // an empty left value is "not set"
  ['', 'exists', '', false],
  ['', 'notExists', '', true],
  ['', 'equals', '', false],
  ['', 'notEquals', 'x', true],
  ['', 'greater', '0', false],
  ['', 'lessEqual', '0', false],
  ['', 'like', '%', false],
  ['', 'notLike', 'x%', true],
];

test('compareValues follows the variable rule for every operator', () => {
  for (const [left, op, right, expected] of CASES) {
    assert.equal(compareValues(left, op, right), expected, `${JSON.stringify(left)} ${op} ${JSON.stringify(right)}`);
  }
});

test('compareValues refuses an unknown operator', () => {
  assert.throws(() => compareValues('a', 'contains', 'a'), (e: unknown) => e instanceof InvalidInputError && /contains/.test(e.message));
});
