/**
 * `npm run build`: bundles the CLI into `agent/cli/dist/` (ES modules, one chunk per command) so that `taskseq`
 * starts in about 130 ms instead of compiling TypeScript on every start. `npm ci` runs it (prepare script).
 */
import { build, type Plugin } from 'esbuild';
import { commanderWithoutSpawn } from './commander-without-spawn.ts';
import { emptyMimeDatabase } from './empty-mime-database.ts';
import { versionDefine } from './version-define.ts';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * Leaves packages loaded with `import()` to Node. With code splitting, esbuild puts a dynamically imported CommonJS
 * package in its own chunk that exports only `default` (its module.exports), while Node's own import of it also
 * gives the named exports that the sources use (`si.system()`): bundled, `--machine local` failed with
 * "t.system is not a function". Node resolves them from the package's node_modules, as it does for the sources;
 * they are loaded on demand anyway, so start-up does not change.
 */
export const dynamicPackagesToNode: Plugin = {
  name: 'dynamic-packages-to-node',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => (args.kind === 'dynamic-import' ? { path: args.path, external: true } : undefined));
  },
};

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
    plugins: [emptyMimeDatabase, dynamicPackagesToNode, commanderWithoutSpawn],
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
