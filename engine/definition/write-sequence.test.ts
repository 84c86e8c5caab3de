import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InvalidInputError } from '../problems.ts';
import { withoutLocations } from './json-form.ts';
import { loadDocument } from './load-document.ts';
import type { TaskSequence } from './model.ts';
import { writeExport } from './write-export.ts';
import { writeSequenceXml } from './write-sequence.ts';
import { renderCdata } from './xml-escape.ts';
import { parseXmlElement } from './xml-tree.ts';

const load = (text: string) => {
  const r = loadDocument(new TextEncoder().encode(text), 'out.xml');
  assert.ok(r.loaded, JSON.stringify(r.problems));
  return r.loaded;
};

const tricky: TaskSequence = {
  version: '3.10',
  children: [{
    kind: 'group', name: 'G & "quotes" <tags>', description: 'line1\r\nline2\ttab', action: '',
    condition: { children: [] },
    children: [{
      kind: 'step', type: 'SMS_TaskSequence_RunCommandLineAction', name: 'S', disable: false, timeout: 900,
      defaultVarList: [{ name: 'CommandLine', property: 'CommandLine', hidden: true, value: 'a ]]> b\r\n  c & d < e' }],
      action: 'cmd.exe /c echo "x" > y',
      condition: { children: [{ kind: 'operator', operator: 'or', children: [] }] },
      attributes: { custom: 'kept' },
    }],
  }],
};

test('child order in a step is condition, action, defaultVarList', () => {
  const xml = writeSequenceXml(tricky);
  const step = parseXmlElement(xml).children[0].children.find((c) => c.name === 'step');
  assert.deepEqual(step?.children.map((c) => c.name), ['condition', 'action', 'defaultVarList']);
  assert.match(xml, /^<\?xml version="1.0" encoding="utf-8"\?>\n<sequence version="3.10">/);
  assert.match(xml, /<condition \/>/);
  assert.match(xml, /<action \/>/);
  assert.match(xml, /<operator type="or" \/>/);
});

test('escaping: quotes, markup, CR/LF/TAB in attributes, "]]>" and CR in text all survive a re-read', () => {
  const xml = writeSequenceXml(tricky);
  assert.doesNotMatch(xml, /\]\]>/);
  assert.match(xml, /description="line1&#xD;&#xA;line2&#x9;tab"/);
  const back = load(xml).document.sequence;
  assert.deepEqual(withoutLocations(back), tricky);
});

test('typed values are written normalised; verbatim attributes are not written twice', () => {
  const seq: TaskSequence = { version: '3.00', children: [{ kind: 'step', name: 'S', disable: true, action: 'x', attributes: { disable: 'yes', expand: 'false' } }] };
  const xml = writeSequenceXml(seq, { declaration: false });
  assert.match(xml, /^<sequence version="3.00">\n  <step name="S" disable="true" expand="false">/);
});

test('a character XML cannot carry is refused with the step path and field', () => {
  const seq: TaskSequence = { version: '3.10', children: [{ kind: 'group', name: 'G', children: [{ kind: 'step', name: 'S', action: 'bell\u0007' }] }] };
  assert.throws(() => writeSequenceXml(seq), (e: unknown) => {
    assert.ok(e instanceof InvalidInputError);
    assert.match(e.message, /^G\/S: action: contains character U\+0007/);
    return true;
  });
});

test('unknown elements with text are written inline so their text reads back the same', () => {
  const seq: TaskSequence = {
    version: '3.10', children: [],
    extra: [{ element: 'note', attributes: { a: '1' }, text: ' lead ', children: [{ element: 'b', text: 'y' }] }, { element: 'empty', children: [{ element: 'c' }] }],
  };
  assert.deepEqual(withoutLocations(load(writeSequenceXml(seq)).document.sequence), seq);
});

test('writeExport wraps the sequence in a CIM-XML object.xml that loads back with its package facts', () => {
  const doc = { package: { packageId: 'LAB00040', packageName: 'Lab & Co', packageType: '2' }, sequence: tricky };
  const loaded = load(writeExport(doc));
  assert.equal(loaded.form, 'cim-export');
  assert.deepEqual(loaded.document.package, doc.package);
  assert.deepEqual(withoutLocations(loaded.document.sequence), tricky);
});

test('CDATA splits "]]>" so that it survives', () => {
  const el = parseXmlElement(`<v>${renderCdata('a]]>b]]>')}</v>`);
  assert.equal(el.text, 'a]]>b]]>');
});
