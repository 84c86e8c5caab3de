import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { readJsonDocument, toJsonDocument, withoutLocations } from './json-form.ts';
import { loadDocument } from './load-document.ts';
import { sequenceHash } from './sequence-hash.ts';
import { writeExport } from './write-export.ts';
import { writeSequenceXml } from './write-sequence.ts';

const FIXTURES = ['configmgr-sequence.xml', 'mdt-ts.xml', 'mdt-utf16le-bom.xml', 'export-object.xml', 'leading-comment.xml', 'invalid-values.xml'];

for (const name of FIXTURES) {
  test(`${name}: XML -> model -> JSON -> model -> XML -> model keeps the model`, () => {
    const first = loadDocument(readFileSync(new URL(`./fixtures/${name}`, import.meta.url)), name).loaded;
    assert.ok(first);
    const json = readJsonDocument(toJsonDocument(first.document), `${name}.json`);
    assert.deepEqual(json.problems, []);
    assert.ok(json.document);
    assert.deepEqual(json.document, withoutLocations(first.document));
    const xml = writeSequenceXml(json.document.sequence);
    const second = loadDocument(new TextEncoder().encode(xml), `${name}.out.xml`).loaded;
    assert.ok(second);
    assert.deepEqual(withoutLocations(second.document.sequence), withoutLocations(first.document.sequence));
    assert.equal(sequenceHash(second.document.sequence), sequenceHash(first.document.sequence));
    const exported = loadDocument(new TextEncoder().encode(writeExport(first.document)), `${name}.object.xml`).loaded;
    assert.ok(exported);
    assert.deepEqual(withoutLocations(exported.document.sequence), withoutLocations(first.document.sequence));
    assert.deepEqual(exported.document.package, first.document.package ?? {});
  });
}
