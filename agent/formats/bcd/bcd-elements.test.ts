import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ELEMENT, REG_BINARY, REG_MULTI_SZ, REG_SZ, elementFormat, elementKeyName, elementValue } from './bcd-elements.ts';

describe('BCD element values', () => {
  it('names an element key by its id in 8 lower-case hex digits, and reads its format from bits 24-27', () => {
    assert.equal(elementKeyName(ELEMENT.bootMenuPolicy), '250000c2');
    assert.deepEqual([ELEMENT.applicationDevice, ELEMENT.applicationPath, ELEMENT.defaultObject, ELEMENT.displayOrder, ELEMENT.timeout, ELEMENT.isolatedContext, ELEMENT.allowedInMemorySettings].map(elementFormat), [1, 2, 3, 4, 5, 6, 7]);
  });

  it('stores each format as its registry type', () => {
    assert.deepEqual(elementValue(ELEMENT.description, 'Win'), { name: 'Element', type: REG_SZ, data: Buffer.from('Win\0', 'utf16le') });
    assert.deepEqual(elementValue(ELEMENT.displayOrder, ['{a}', '{b}']), { name: 'Element', type: REG_MULTI_SZ, data: Buffer.from('{a}\0{b}\0\0', 'utf16le') });
    assert.deepEqual(elementValue(ELEMENT.timeout, 30).data, Buffer.from([30, 0, 0, 0, 0, 0, 0, 0]));
    assert.deepEqual(elementValue(ELEMENT.isolatedContext, true), { name: 'Element', type: REG_BINARY, data: Uint8Array.of(1) });
    assert.deepEqual(elementValue(ELEMENT.allowedInMemorySettings, [0x15000075]).data, Buffer.from([0x75, 0, 0, 0x15, 0, 0, 0, 0]));
    assert.equal(elementValue(ELEMENT.osDevice, Uint8Array.of(9)).type, REG_BINARY);
  });

  it('refuses a value of the wrong format', () => {
    assert.throws(() => elementValue(ELEMENT.timeout, 'thirty'), /element 25000004 \(format 5\) cannot hold "thirty"/);
    assert.throws(() => elementValue(ELEMENT.osDevice, '\\Windows'), /cannot hold/);
    assert.throws(() => elementValue(ELEMENT.timeout, -1), /not an element integer/);
  });
});
