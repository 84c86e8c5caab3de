/** Cold start of the single-file agent (`npm run bundle`) from an empty folder, as it starts from media. */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { bundleSingleFile } from '../agent/build/bundle-single.ts';
import { median } from './measure.ts';

const root = join(fileURLToPath(new URL('.', import.meta.url)), '..');

function wallMs(args: string[], cwd: string): number {
  const t = performance.now();
  execFileSync(process.execPath, args, { stdio: 'ignore', cwd });
  return performance.now() - t;
}

/** Median wall time of `node taskseq.cjs validate <example>` in a folder holding only those two files. */
export async function coldStartSingleFile(runs = 15): Promise<{ validate: number; bareNode: number; bytes: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'taskseq-single-'));
  try {
    const built = await bundleSingleFile(join(dir, 'build'));
    copyFileSync(built, join(dir, 'taskseq.cjs'));
    copyFileSync(join(root, 'examples', 'deploy-windows.xml'), join(dir, 'ts.xml'));
    rmSync(join(dir, 'build'), { recursive: true, force: true });
    const args = ['taskseq.cjs', 'validate', 'ts.xml'];
    wallMs(args, dir);
    const validate = median(Array.from({ length: runs }, () => wallMs(args, dir)));
    const bareNode = median(Array.from({ length: runs }, () => wallMs(['-e', '0'], dir)));
    return { validate, bareNode, bytes: statSync(join(dir, 'taskseq.cjs')).size };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
