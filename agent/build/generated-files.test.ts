import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { renderAgentValidators } from './render-agent-validators.ts';

test("the agent's precompiled validators match their schemas (run npm run build:schemas)", () => {
  for (const [path, content] of Object.entries(renderAgentValidators())) {
    assert.equal(readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8'), content, `${path} is stale`);
  }
});
