/** `npm run build:docs`: rewrites the option tables of docs/steps.md from the step manifests (a test checks them). */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderStepDocs, STEP_DOCS_PATH } from './render-step-docs.ts';

const target = join(dirname(fileURLToPath(import.meta.url)), '..', '..', STEP_DOCS_PATH);
writeFileSync(target, renderStepDocs(readFileSync(target, 'utf8')));
console.log(`wrote ${STEP_DOCS_PATH}`);
