import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classifyRoot, detectByteKind, detectTextKind, sequenceFlavour } from './detect-form.ts';
import type { TaskSequence } from './model.ts';
import { parseXmlElement } from './xml-tree.ts';

test('bytes: PK\\x03\\x04 is a zip, anything else is text', () => {
  assert.equal(detectByteKind(Uint8Array.of(0x50, 0x4b, 0x03, 0x04, 0)), 'zip');
  assert.equal(detectByteKind(new TextEncoder().encode('PK')), 'text');
});

test('text: the first non-space character decides', () => {
  assert.equal(detectTextKind('\uFEFF \n {"sequence":{}}'), 'json');
  assert.equal(detectTextKind('\r\n<!-- c --><sequence/>'), 'xml');
  assert.deepEqual(detectTextKind('hello world\nmore'), { found: 'text starting with "hello world"' });
  assert.deepEqual(detectTextKind('password=hunter2'), { found: 'text starting with "password="' });
});

test('roots: a task sequence package INSTANCE, a sequence, or something named', () => {
  assert.equal(classifyRoot(parseXmlElement('<INSTANCE CLASSNAME="SMS_TaskSequencePackage"/>')), 'cim-export');
  assert.equal(classifyRoot(parseXmlElement('<sequence/>')), 'sequence');
  assert.deepEqual(classifyRoot(parseXmlElement('<Sequence/>')), { found: 'an XML document whose root element is <Sequence> (expected <sequence> or a SMS_TaskSequencePackage INSTANCE)' });
});

test('MDT traits make a bare sequence MDT-flavoured', () => {
  const plain: TaskSequence = { version: '3.10', children: [{ kind: 'group', name: 'G', children: [{ kind: 'step', name: 'S', type: 'SMS_TaskSequence_RebootAction' }] }] };
  assert.equal(sequenceFlavour(plain), 'sequence');
  assert.equal(sequenceFlavour({ ...plain, name: 'Client' }), 'mdt');
  const withStep = (step: object): TaskSequence => ({ version: '3.00', children: [{ kind: 'group', name: 'G', children: [{ kind: 'step', name: 'S', ...step }] }] });
  assert.equal(sequenceFlavour(withStep({ type: 'BDD_Gather' })), 'mdt');
  assert.equal(sequenceFlavour(withStep({ action: 'cmd.exe' })), 'mdt');
  assert.equal(sequenceFlavour(withStep({ type: 'SMS_TaskSequence_RebootAction', startIn: '' })), 'mdt');
  assert.equal(sequenceFlavour({ version: '3.00', children: [{ kind: 'group', name: 'G', attributes: { expand: 'true' }, children: [] }] }), 'mdt');
});
