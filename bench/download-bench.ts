/**
 * Content transfer measurements against a real nginx on 127.0.0.1: download throughput with SHA-256 verification
 * next to curl on the same 1 GiB file, and the agent's peak RSS while it stages a 2 GiB package (measured in a child
 * process running the real CLI, so this process's memory does not count). The big files are sparse and deleted after.
 */
import { execFile, spawn } from 'node:child_process';
import { closeSync, ftruncateSync, mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { createHttpClient } from '../agent/content/http-client.ts';
import { downloadFile } from '../agent/content/download-file.ts';
import { hashFile } from '../agent/content/local-files.ts';
import { startNginx } from '../test/support/nginx.ts';
import { command, sequence } from '../test/support/sequence-builder.ts';

const GiB = 1024 ** 3;
const run = promisify(execFile);

function sparse(path: string, bytes: number): void {
  const fd = openSync(path, 'w');
  ftruncateSync(fd, bytes);
  closeSync(fd);
}

/** MiB/s of our download (hash verified) and of `curl -o`, best of `runs` each, alternating. */
export async function throughputVsCurl(runs = 3): Promise<{ ours: number; curl: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'taskseq-bench-dl-'));
  const root = join(dir, 'www');
  mkdirSync(root);
  sparse(join(root, 'big.bin'), GiB);
  const sha256 = await hashFile(join(root, 'big.bin'));
  const nginx = await startNginx({ root });
  try {
    const client = createHttpClient();
    const ours: number[] = [];
    const curl: number[] = [];
    for (let i = 0; i < runs; i++) {
      rmSync(join(dir, 'curl.bin'), { force: true });
      let t = performance.now();
      await run('curl', ['-s', '-f', '-o', join(dir, 'curl.bin'), `${nginx.url}/big.bin`]);
      curl.push(performance.now() - t);
      rmSync(join(dir, 'ours.bin'), { force: true });
      t = performance.now();
      await downloadFile({ client, url: `${nginx.url}/big.bin`, target: join(dir, 'ours.bin'), size: GiB, sha256, what: 'bench', retries: 0, retryDelayMs: 0, stallMs: 30_000 });
      ours.push(performance.now() - t);
    }
    const mibps = (ms: number) => (GiB / 1024 ** 2) / (ms / 1000);
    return { ours: mibps(Math.min(...ours)), curl: mibps(Math.min(...curl)) };
  } finally {
    await nginx.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Peak RSS (MB) of `taskseq run --source` staging a package of `bytes` (a child process; sparse source file). */
async function stagingPeakRss(bytes: number): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'taskseq-bench-rss-'));
  const root = join(dir, 'www');
  mkdirSync(join(root, 'content', 'LAB00900'), { recursive: true });
  const file = join(root, 'content', 'LAB00900', 'payload.bin');
  sparse(file, bytes);
  const xml = sequence([command('Use payload', 'setup.exe', { packageId: 'LAB00900' })]);
  writeFileSync(join(root, 'sequence.xml'), xml);
  const { createHash } = await import('node:crypto');
  const doc = {
    format: 'taskseq-source', version: 1, sequence: { file: 'sequence.xml', sha256: createHash('sha256').update(xml).digest('hex') },
    packages: [{ id: 'LAB00900', files: [{ path: 'payload.bin', size: bytes, sha256: await hashFile(file) }] }],
  };
  writeFileSync(join(root, 'taskseq-source.json'), JSON.stringify(doc));
  writeFileSync(join(dir, 'rss.mjs'), "process.on('exit', () => process.stderr.write(`\\nMAXRSS_KB=${process.resourceUsage().maxRSS}\\n`));\n");
  const nginx = await startNginx({ root });
  try {
    const args = ['--import', join(dir, 'rss.mjs'), 'agent/cli/taskseq.js', 'run', '--source', nginx.url, '--state-dir', join(dir, 'state'), '--log-dir', join(dir, 'logs')];
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c) => (stderr += c));
    const code = await new Promise<number>((resolve) => child.on('exit', (c) => resolve(c ?? -1)));
    const kb = /MAXRSS_KB=(\d+)/.exec(stderr);
    if (code !== 0 || !kb) throw new Error(`the staging run failed (exit ${code}): ${stderr.slice(-500)}`);
    return Number(kb[1]) / 1024;
  } finally {
    await nginx.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Peak RSS (MB) while moving 2 GiB, and of the same run moving 1 MiB (the agent's own footprint). */
export async function peakRssMoving2GiB(): Promise<{ big: number; small: number }> {
  return { small: await stagingPeakRss(1024 ** 2), big: await stagingPeakRss(2 * GiB) };
}
