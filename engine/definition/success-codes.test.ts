import { test } from 'node:test';
import assert from 'node:assert/strict';
import { effectiveSuccessCodes, parseSuccessCodeList, sameCodeSet } from './success-codes.ts';

test('decimal signed 32-bit codes separated by whitespace', () => {
  assert.deepEqual(parseSuccessCodeList('0 3010'), { codes: [0, 3010] });
  assert.deepEqual(parseSuccessCodeList(' 0\t-1073741819  2147483647 '), { codes: [0, -1073741819, 2147483647] });
});

test('hex, words, out-of-range values and empty lists are errors', () => {
  assert.match(parseSuccessCodeList('0 0x10').error ?? '', /"0x10" is not a decimal 32-bit integer/);
  assert.ok(parseSuccessCodeList('2147483648').error);
  assert.ok(parseSuccessCodeList('-2147483649').error);
  assert.equal(parseSuccessCodeList('  ').error, 'lists no exit codes');
});

test('successCodeList wins over successCodes; neither means 0', () => {
  assert.deepEqual(effectiveSuccessCodes({ successCodeList: '0', successCodes: '0 3010' }), [0]);
  assert.deepEqual(effectiveSuccessCodes({ successCodes: '0 3010' }), [0, 3010]);
  assert.deepEqual(effectiveSuccessCodes({}), [0]);
  assert.ok(sameCodeSet([3010, 0, 0], [0, 3010]));
  assert.ok(!sameCodeSet([0], [0, 3010]));
});
