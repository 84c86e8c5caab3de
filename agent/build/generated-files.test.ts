import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { STEP_MODULES } from '../../steps/modules.ts';
import { renderAgentValidators } from './render-agent-validators.ts';
import { renderStepDocs, STEP_DOCS_PATH } from './render-step-docs.ts';

test("the agent's precompiled validators match their schemas (run npm run build:schemas)", () => {
  for (const [path, content] of Object.entries(renderAgentValidators())) {
    assert.equal(readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8'), content, `${path} is stale`);
  }
});

test('the option tables of docs/steps.md match the step manifests (run npm run build:docs)', () => {
  const text = readFileSync(new URL(`../../${STEP_DOCS_PATH}`, import.meta.url), 'utf8');
  assert.equal(renderStepDocs(text), text, `${STEP_DOCS_PATH} is stale`);
});

test('a step with options but no table block in docs/steps.md is refused', () => {
  const [module] = STEP_MODULES.filter((m) => m.manifest.options.length > 0);
  assert.throws(() => renderStepDocs('# Built-in steps\n', [module]), new RegExp(`no <!-- options:${module.id} -->`));
});
