import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InvalidInputError } from '../problems.ts';
import { parseXmlElement, parseXmlTree } from './xml-tree.ts';

test('builds elements with ordered attributes, text plus CDATA, and start-tag positions', () => {
  const { root, problems } = parseXmlTree('<a z="1" b="&amp;2">\n  <b>x<![CDATA[<y>]]>z</b><c/>\n</a>');
  assert.deepEqual(problems, []);
  assert.ok(root);
  assert.equal(root.name, 'a');
  assert.deepEqual(Object.keys(root.attributes), ['z', 'b']);
  assert.equal(root.attributes.b, '&2');
  assert.deepEqual(root.children.map((c) => [c.name, c.text, c.line, c.column]), [['b', 'x<y>z', 2, 3], ['c', '', 2, 27]]);
  assert.equal(root.line, 1);
  assert.equal(root.column, 1);
});

test('character references for CR/LF in attributes survive', () => {
  const root = parseXmlElement('<step description="one&#xD;&#xA;two"/>');
  assert.equal(root.attributes.description, 'one\r\ntwo');
});

test('malformed XML becomes a problem with line, column and a readable message', () => {
  const r = parseXmlTree('<sequence>\n  <group name="G">\n    <step name="S">\n  </group>\n</sequence>', { file: 'ts.xml' });
  assert.equal(r.root, undefined);
  assert.equal(r.problems.length, 1);
  const p = r.problems[0];
  assert.equal(p.code, 'malformed-xml');
  assert.equal(p.file, 'ts.xml');
  assert.equal(p.line, 4);
  assert.match(p.message, /not well-formed XML: unexpected close tag \(<step> from line 3 is not closed\)/);
  assert.doesNotMatch(p.message, /\n\s+at /);
});

test('an undefined entity is malformed', () => {
  const r = parseXmlTree('<a>&nbsp;</a>');
  assert.equal(r.problems[0].code, 'malformed-xml');
  assert.match(r.problems[0].message, /undefined entity/);
});

test('comments before the XML declaration: an error, but the tree is built with the right lines', () => {
  const text = '<!-- one -->\n<!-- two -->\n<?xml version="1.0"?>\n<sequence version="3.00">\n  <step name="S"/>\n</sequence>\n';
  const r = parseXmlTree(text, { file: 'ref.xml' });
  assert.equal(r.problems.length, 1);
  assert.equal(r.problems[0].code, 'xml-declaration-not-first');
  assert.equal(r.problems[0].severity, 'error');
  assert.equal(r.problems[0].line, 3);
  assert.equal(r.root?.name, 'sequence');
  assert.equal(r.root?.line, 4);
  assert.equal(r.root?.children[0].line, 5);
});

test('line and column offsets place embedded text in its outer file', () => {
  const r = parseXmlTree('<sequence><step name="A"/>\n<step name="B"/></sequence>', { lineOffset: 26, firstLineColumnOffset: 20 });
  assert.deepEqual(r.root?.children.map((c) => [c.line, c.column]), [[27, 31], [28, 1]]);
  assert.deepEqual([r.root?.line, r.root?.column], [27, 21]);
});

test('lone CR and CRLF count as one line end each', () => {
  const r = parseXmlTree('<a>\r\n<b/>\r<c/>\n<d/></a>');
  assert.deepEqual(r.root?.children.map((c) => c.line), [2, 3, 4]);
});

test('parseXmlElement throws InvalidInputError for malformed input', () => {
  assert.throws(() => parseXmlElement('<Rules><Rule></Rules>', 'rules'), (e: unknown) => {
    assert.ok(e instanceof InvalidInputError);
    assert.equal(e.problems[0].code, 'malformed-xml');
    assert.match(e.message, /^rules: not well-formed XML/);
    return true;
  });
});

test('an empty document is malformed', () => {
  assert.equal(parseXmlTree('').problems[0].code, 'malformed-xml');
});
