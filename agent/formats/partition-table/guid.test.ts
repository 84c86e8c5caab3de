import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deriveGuid, deriveU32, parseGuidBytes, renderGuidBytes } from './guid.ts';

test('GUIDs are stored with their first three fields little-endian', () => {
  const bytes = renderGuidBytes('C12A7328-F81F-11D2-BA4B-00A0C93EC93B');
  assert.equal(Buffer.from(bytes).toString('hex'), '28732ac11ff8d211ba4b00a0c93ec93b');
  assert.equal(parseGuidBytes(bytes), 'C12A7328-F81F-11D2-BA4B-00A0C93EC93B');
  assert.throws(() => renderGuidBytes('not-a-guid'), /not a GUID: 'not-a-guid'/);
});

test('derived GUIDs and signatures are stable per seed and differ between seeds', () => {
  assert.equal(deriveGuid('a'), deriveGuid('a'));
  assert.notEqual(deriveGuid('a'), deriveGuid('b'));
  assert.match(deriveGuid('a'), /^[0-9A-F]{8}-[0-9A-F]{4}-4[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}$/);
  assert.equal(deriveU32('a'), deriveU32('a'));
  assert.notEqual(deriveU32('a'), 0);
});
