/**
 * `npx tsx agent/build/build-demo-image.ts`: rebuilds the demo's committed install image from the tree and metadata
 * in `demo-image.ts`. Run it after changing either; `test/e2e/demo.test.ts` fails while the committed file differs.
 */
import { statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildDemoImage, DEMO_IMAGE_PATH } from './demo-image.ts';

const target = join(dirname(fileURLToPath(import.meta.url)), '..', '..', DEMO_IMAGE_PATH);
buildDemoImage(target);
console.log(`wrote ${DEMO_IMAGE_PATH} (${statSync(target).size} bytes)`);
