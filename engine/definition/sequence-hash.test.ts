import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { TaskSequence } from './model.ts';
import { renderCanonicalJson, sequenceHash } from './sequence-hash.ts';

const seq: TaskSequence = { version: '3.10', children: [{ kind: 'step', name: 'S', action: 'x', loc: { line: 3 }, attributes: { loc: 'attr' } }], loc: { line: 1 } };

test('the hash is SHA-256 hex and ignores locations and key order', () => {
  const h = sequenceHash(seq);
  assert.match(h, /^[0-9a-f]{64}$/);
  const reordered: TaskSequence = { children: [{ attributes: { loc: 'attr' }, action: 'x', name: 'S', kind: 'step' }], version: '3.10' };
  assert.equal(sequenceHash(reordered), h);
});

test('any change of content changes the hash; an attribute named loc counts', () => {
  const h = sequenceHash(seq);
  assert.notEqual(sequenceHash({ ...seq, version: '3.00' }), h);
  assert.notEqual(sequenceHash({ ...seq, children: [{ kind: 'step', name: 'S', action: 'x' }] }), h);
});

test('canonical JSON sorts keys and drops undefined', () => {
  assert.equal(renderCanonicalJson({ b: 1, a: [true, null], c: undefined, loc: { line: 1 } }), '{"a":[true,null],"b":1}');
});
