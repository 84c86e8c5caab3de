/** Golden files of the bridge's generated artefacts; `TASKSEQ_UPDATE_GOLDENS=1` rewrites them (as the plan goldens). */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const FIXTURES = join(import.meta.dirname, '../fixtures');

/** Asserts that `actual` is the text of `fixtures/<name>`. */
export function assertGolden(name: string, actual: string): void {
  const file = join(FIXTURES, name);
  if (process.env.TASKSEQ_UPDATE_GOLDENS === '1') writeFileSync(file, actual);
  assert.equal(actual, readFileSync(file, 'utf8'), `${name} differs (TASKSEQ_UPDATE_GOLDENS=1 rewrites it)`);
}
