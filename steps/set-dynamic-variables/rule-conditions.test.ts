import { test } from 'node:test';
import assert from 'node:assert/strict';
import { matchWildcard } from './rule-conditions.ts';

test('matchWildcard: * any run, ? one character, whole text, case-insensitive, regex characters literal', () => {
  const cases: Array<[string, string, boolean]> = [
    ['DELL*900?', 'Dell Optiplex 9003', true],
    ['DELL*900?', 'Dell Optiplex 900', false],
    ['*', '', true],
    ['?', '', false],
    ['HP EliteBook 8?0 G(1)', 'hp elitebook 840 g(1)', true],
    ['a.b', 'axb', false],
    ['Latitude', 'Latitude 7400', false],
  ];
  for (const [pattern, text, expected] of cases) assert.equal(matchWildcard(pattern, text), expected, `${pattern} vs ${text}`);
});
