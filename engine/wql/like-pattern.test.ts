import { test } from 'node:test';
import assert from 'node:assert/strict';
import { likeToRegExp } from './like-pattern.ts';

const cases: Array<[pattern: string, text: string, expected: boolean]> = [
  ['Latitude%', 'Latitude 7420', true],
  ['Latitude%', 'latitude', true],
  ['Latitude%', 'My Latitude', false],
  ['%VRTUAL%', 'VRTUAL - 1', true],
  ['%', '', true],
  ['_', '', false],
  ['_', 'a', true],
  ['a_c', 'abc', true],
  ['a_c', 'abbc', false],
  ['10.0%', '10.0.19045', true],
  ['10.0%', '1000', false], // the dot is literal
  ['[1-9][0-9].%', '10.0.22631', true],
  ['[1-9][0-9].%', '6.3.9600', false],
  ['[^0-9]%', 'x1', true],
  ['[^0-9]%', '1x', false],
  ['[abc]x', 'Bx', true],
  ['[[]x]', '[x]', true],
  ['[x', '[x', true], // no closing bracket: literal
  ['[]', '[]', true],
  ['a+b(c)$^', 'A+B(C)$^', true],
  ['PCI\\VEN_8086%', 'PCI\\VEN_8086&DEV_1234', true],
  ['10MQ%', '10mq0027us', true],
  ['[a-]x', '-x', true],
  ['[z-a]', '-', true], // reversed range: its characters are literal
];

test('likeToRegExp matches whole text with %, _, [sets], case-insensitively', () => {
  for (const [pattern, text, expected] of cases) {
    assert.equal(likeToRegExp(pattern).test(text), expected, `${JSON.stringify(text)} LIKE ${JSON.stringify(pattern)}`);
  }
});

test('likeToRegExp matches across line breaks', () => {
  assert.equal(likeToRegExp('a%b').test('a\nb'), true);
  assert.equal(likeToRegExp('a_b').test('a\nb'), true);
});
