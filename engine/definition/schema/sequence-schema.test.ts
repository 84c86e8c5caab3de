import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { renderSchemaFiles } from './render-schema-files.ts';

const repoRoot = new URL('../../../', import.meta.url);

test('the committed schema and precompiled validator match a fresh generation (run npm run build:schemas)', () => {
  const files = renderSchemaFiles();
  assert.equal(Object.keys(files).length, 3);
  for (const [relative, content] of Object.entries(files)) {
    assert.equal(readFileSync(new URL(relative, repoRoot), 'utf8'), content, `${relative} is stale`);
  }
});

test('the published schema is draft-07 with the project id', () => {
  const schema = JSON.parse(renderSchemaFiles()['docs/schema/task-sequence.schema.json']);
  assert.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#');
  assert.equal(schema.$id, 'https://taskseq.dev/schema/task-sequence.schema.json');
});
