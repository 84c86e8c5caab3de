/**
 * `npm run build`: bundles the CLI into `agent/cli/dist/` (ES modules, one chunk per command) so that `taskseq`
 * starts in about 130 ms instead of compiling TypeScript on every start. `npm ci` runs it (prepare script).
 */
import { build } from 'esbuild';
import { commanderWithoutSpawn } from './commander-without-spawn.ts';
import { emptyMimeDatabase } from './empty-mime-database.ts';
import { versionDefine } from './version-define.ts';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Builds the bundle into `outdir` (default `agent/cli/dist`). */
export async function bundleCli(outdir = join(root, 'agent', 'cli', 'dist')): Promise<string> {
  rmSync(outdir, { recursive: true, force: true });
  await build({
    entryPoints: [join(root, 'agent', 'cli', 'main.ts')],
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    outdir,
    logLevel: 'warning',
    // Smaller chunks parse faster: `taskseq validate` must start in under 150 ms.
    minify: true,
    sourcemap: 'linked',
    plugins: [emptyMimeDatabase, commanderWithoutSpawn],
    define: versionDefine(),
    // Bundled CommonJS packages call require(); an ES module has none unless it makes one.
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  });
  return join(outdir, 'main.js');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const out = await bundleCli(process.argv[2]);
  console.log(`wrote ${out}`);
}
