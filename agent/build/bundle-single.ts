/**
 * `npm run bundle`: the whole agent as ONE CommonJS file (`agent/cli/dist-single/taskseq.cjs`) that runs with plain
 * `node` and no `node_modules`: for copying onto media next to node.exe, or for embedding into a Windows executable
 * with Node's single executable applications feature (which runs one CommonJS script; see docs/media-builders.md).
 */
import { build } from 'esbuild';
import { commanderWithoutSpawn } from './commander-without-spawn.ts';
import { emptyMimeDatabase } from './empty-mime-database.ts';
import { versionDefine } from './version-define.ts';
import { compileOnFirstUse } from './compile-on-first-use.ts';
import { mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Builds the single file into `outdir` (default `agent/cli/dist-single`); returns its path. */
export async function bundleSingleFile(outdir = join(root, 'agent', 'cli', 'dist-single')): Promise<string> {
  rmSync(outdir, { recursive: true, force: true });
  mkdirSync(outdir, { recursive: true });
  const outfile = join(outdir, 'taskseq.cjs');
  await build({
    entryPoints: [join(root, 'agent', 'cli', 'single-file-main.ts')],
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    outfile,
    logLevel: 'warning',
    minify: true,
    // The commands stay lazily initialised inside the one file (esbuild turns each import() into a deferred init),
    // so `validate` does not pay for the run's libraries.
    legalComments: 'none',
    plugins: [emptyMimeDatabase, commanderWithoutSpawn, compileOnFirstUse(['systeminformation'], 'node20')],
    define: versionDefine(),
    // The one import.meta in the agent is package-version.ts's fallback for running from sources, which the version
    // define above makes dead code; an empty import.meta there is never evaluated.
    logOverride: { 'empty-import-meta': 'silent' },
  });
  return outfile;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const out = await bundleSingleFile(process.argv[2]);
  console.log(`wrote ${out}`);
}
