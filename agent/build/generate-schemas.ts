/**
 * `npm run build:schemas`: writes the published JSON Schema of the JSON form, its precompiled validator and the
 * agent's validators (deployment source document, machine profile). Tests check the committed files match what this
 * would write. Step options need nothing generated: their manifests are checked directly.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderSchemaFiles } from '../../engine/definition/schema/render-schema-files.ts';
import { renderAgentValidators } from './render-agent-validators.ts';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

for (const [relative, content] of Object.entries({ ...renderSchemaFiles(), ...renderAgentValidators() })) {
  const target = join(repoRoot, relative);
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, content);
  console.log(`wrote ${relative}`);
}
