/** The package version as an esbuild `define`: the bundles print it for `taskseq --version` without package.json. */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** `{ TASKSEQ_VERSION: '"0.1.0"' }` from package.json (the name agent/cli/package-version.ts reads). */
export function versionDefine(): Record<string, string> {
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
  return { TASKSEQ_VERSION: JSON.stringify(version) };
}
