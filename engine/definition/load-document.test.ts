import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { zipSync } from 'fflate';
import { withoutLocations } from './json-form.ts';
import { loadDocument } from './load-document.ts';
import { toJsonDocument } from './json-form.ts';
import { writeExport } from './write-export.ts';
import { FIXTURE_TYPES } from './test-support/fixture-catalog.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));
const bytes = (s: string) => new TextEncoder().encode(s);

test('the form comes from the content: bare ConfigMgr sequence, MDT ts.xml, CIM export, JSON', () => {
  assert.equal(loadDocument(fixture('configmgr-sequence.xml'), 'a.json').loaded?.form, 'sequence');
  assert.equal(loadDocument(fixture('mdt-ts.xml'), 'a.zip').loaded?.form, 'mdt');
  assert.equal(loadDocument(fixture('export-object.xml'), 'ts.xml').loaded?.form, 'cim-export');
  const json = toJsonDocument(loadDocument(fixture('mdt-ts.xml'), 'x').loaded!.document);
  assert.equal(loadDocument(bytes(json), 'object.xml').loaded?.form, 'json');
});

test('CIM export: package facts are read and problems name lines of the object.xml itself', () => {
  const r = loadDocument(fixture('export-object.xml'), 'object.xml', FIXTURE_TYPES);
  const loaded = r.loaded;
  assert.ok(loaded);
  assert.deepEqual(loaded.document.package, { packageId: 'LAB00030', packageName: 'Lab Deploy', packageType: '2', bootImageId: 'LAB00005' });
  assert.deepEqual(loaded.document.sequence.loc, { line: 27, column: 21 }, 'embedded line 1 starts after <VALUE><![CDATA[');
  assert.deepEqual(r.problems.map((p) => [p.code, p.path, p.line, p.column]), [['invalid-boolean', 'Deploy/Flagged', 28, 1]]);
  assert.deepEqual(loaded.problems, r.problems);
});

test('a console export zip: every sequence is loaded, the parent is primary, children are siblings', () => {
  const parent = fixture('export-object.xml');
  const child = bytes(writeExport({ package: { packageId: 'LAB00031', packageName: 'Child' }, sequence: { version: '3.10', children: [{ kind: 'step', name: 'Child step', action: 'cmd.exe /c exit 0' }] } }));
  const zip = zipSync({
    'SMS_TaskSequencePackage/LAB00031/object.xml': child,
    'SMS_TaskSequencePackage/LAB00030/object.xml': new Uint8Array(parent),
    'SMS_Package/LAB00012/object.xml': bytes('<INSTANCE CLASSNAME="SMS_Package"/>'),
  });
  const r = loadDocument(zip, 'export.zip', FIXTURE_TYPES);
  assert.ok(r.loaded);
  assert.equal(r.loaded.form, 'cim-export-zip');
  assert.equal(r.loaded.file, 'export.zip');
  assert.equal(r.loaded.document.package?.packageId, 'LAB00030');
  assert.deepEqual(Object.keys(r.loaded.siblings ?? {}), ['LAB00031']);
  assert.equal(r.loaded.siblings?.LAB00031.sequence.children[0].name, 'Child step');
  assert.deepEqual(r.problems.map((p) => [p.file, p.code, p.line]), [['export.zip!SMS_TaskSequencePackage/LAB00030/object.xml', 'invalid-boolean', 28]]);
});

test('a zip without a task sequence, or a damaged zip, is a fatal problem', () => {
  const none = loadDocument(zipSync({ 'readme.txt': bytes('hi') }), 'x.zip');
  assert.equal(none.loaded, undefined);
  assert.equal(none.problems[0].code, 'no-task-sequence');
  const damaged = zipSync({ 'SMS_TaskSequencePackage/A/object.xml': bytes('<sequence version="3.10"/>') }).slice(0, 40);
  const r = loadDocument(damaged, 'bad.zip');
  assert.equal(r.loaded, undefined);
  assert.equal(r.problems[0].code, 'invalid-zip');
});

test('UTF-16 LE with BOM loads to the same model as its UTF-8 twin', () => {
  const utf16 = loadDocument(fixture('mdt-utf16le-bom.xml'), 'u16.xml');
  const utf8 = loadDocument(fixture('mdt-ts.xml'), 'u8.xml');
  assert.ok(utf16.loaded && utf8.loaded);
  const a = withoutLocations(utf16.loaded.document);
  const b = withoutLocations(utf8.loaded.document);
  assert.equal(a.sequence.description, 'A lab client sequence — für Tests');
  assert.deepEqual({ ...a.sequence, description: '' }, { ...b.sequence, description: '' });
  assert.deepEqual(utf16.problems.map((p) => [p.code, p.line]), utf8.problems.map((p) => [p.code, p.line]));
});

test('a leading comment before the declaration is an error but the file still loads', () => {
  const r = loadDocument(fixture('leading-comment.xml'), 'ref.xml', FIXTURE_TYPES);
  assert.ok(r.loaded);
  assert.equal(r.loaded.document.sequence.children[0].name, 'Say hello');
  assert.deepEqual(r.problems.map((p) => [p.severity, p.code, p.line]), [['error', 'xml-declaration-not-first', 4]]);
});

test('malformed XML is fatal with a line and no stack trace', () => {
  const r = loadDocument(fixture('malformed-unclosed.xml'), 'bad.xml');
  assert.equal(r.loaded, undefined);
  assert.deepEqual(r.problems.map((p) => [p.code, p.file, p.line]), [['malformed-xml', 'bad.xml', 5]]);
});

test('anything else is refused naming what was found, and bad input never throws', () => {
  const cases: Array<[Uint8Array, RegExp]> = [
    [bytes('<html><body/></html>'), /root element is <html>/],
    [bytes('<INSTANCE CLASSNAME="SMS_Package"/>'), /INSTANCE of class "SMS_Package"/],
    [bytes('hello world'), /text starting with "hello world"/],
    [bytes('   \n'), /an empty file/],
    [new Uint8Array(0), /an empty file/],
    [Uint8Array.of(0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46), /not valid/],
    [bytes('{"sequence": 42}'), /must be object/],
    [bytes('<INSTANCE CLASSNAME="SMS_TaskSequencePackage"><PROPERTY NAME="Name"><VALUE>x</VALUE></PROPERTY></INSTANCE>'), /no Sequence property value/],
    [bytes('<INSTANCE CLASSNAME="SMS_TaskSequencePackage"><PROPERTY NAME="Sequence"><VALUE>&lt;other/&gt;</VALUE></PROPERTY></INSTANCE>'), /holds <other>, not <sequence>/],
  ];
  for (const [input, expected] of cases) {
    const r = loadDocument(input, 'in');
    assert.equal(r.loaded, undefined, String(expected));
    assert.ok(r.problems.some((p) => p.severity === 'error' && expected.test(p.message)), `${expected}: ${JSON.stringify(r.problems)}`);
  }
});

test('options reach validation: allowUnknownSteps downgrades unknown steps that have an action', () => {
  const text = bytes('<sequence version="3.10"><step type="Lab_Custom" name="C"><action>run.exe</action></step></sequence>');
  assert.equal(loadDocument(text, 'c.xml').problems[0].severity, 'error');
  assert.equal(loadDocument(text, 'c.xml', { allowUnknownSteps: true }).problems[0].severity, 'warning');
});
