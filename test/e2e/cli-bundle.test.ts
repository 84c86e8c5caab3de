/**
 * The CLI bundle (`npm run build`, what the installed `taskseq` runs) behaves like the sources for what only a bundle
 * can break: packages it loads on demand (systeminformation for `--machine local`).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleCli } from '../../agent/build/bundle.ts';
import { workDir, writeFixture } from '../support/harness.ts';
import { sequence, setVariable } from '../support/sequence-builder.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const drivers = join(root, 'agent', 'drivers', 'fixtures');

// Built below node_modules, as an installed package's bundle is, so that packages left to Node resolve as they do
// there; a dot folder, so the launcher's staleness check never looks at it.
let bundleDir = '';
let entry = '';
before(async () => {
  const cache = join(root, 'node_modules', '.cache');
  mkdirSync(cache, { recursive: true });
  bundleDir = mkdtempSync(join(cache, 'taskseq-cli-bundle-'));
  await bundleCli(bundleDir);
  // What agent/cli/taskseq.js does with a current bundle.
  entry = join(bundleDir, 'run.mjs');
  writeFileSync(entry, "import { main } from './main.js';\nprocess.exitCode = await main(process.argv.slice(2));\n");
});
after(() => rmSync(bundleDir, { recursive: true, force: true }));

const cli = (cwd: string, ...args: string[]) => spawnSync(process.execPath, [entry, ...args], { cwd, encoding: 'utf8' });

test('bundled CLI: machines --capture local prints a profile of this PC', () => {
  const r = cli(workDir(), 'machines', '--capture', 'local');
  assert.equal(r.status, 0, r.stderr);
  const profile = JSON.parse(r.stdout);
  assert.ok(profile.system.cpu.cores >= 1, r.stdout);
  assert.ok(Array.isArray(profile.disks), r.stdout);
});

test('bundled CLI: run --machine local and drivers explain --machine local', () => {
  const dir = workDir();
  writeFixture(dir, 'ts.xml', sequence([setVariable('Mark', 'Stage', 'Local')]));
  const run = cli(dir, 'run', 'ts.xml', '--backend', 'simulated', '--machine', 'local', '--json');
  assert.equal(run.status, 0, run.stderr);
  assert.equal(JSON.parse(run.stdout.trim().split('\n').pop()!).variables.Stage, 'Local');
  const explain = cli(dir, 'drivers', 'explain', '--machine', 'local', '--catalog', drivers);
  assert.equal(explain.status, 0, explain.stderr);
  assert.match(explain.stdout, /device\(s\) with a driver/);
});
