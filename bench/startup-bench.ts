/** Loader and start-up measurements: parse+validate of the largest corpus file, cold start of `taskseq validate`. */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { loadDocument } from '../engine/index.ts';
import { median, timeMedian } from './measure.ts';

const root = join(fileURLToPath(new URL('.', import.meta.url)), '..');

/** The largest file of the corpus (or of examples/ when the corpus is not beside the project). */
export function largestSequence(): string {
  const corpus = join(root, '..', 'shared', 'corpus', 'task-sequences');
  const dir = existsSync(corpus) ? corpus : join(root, 'examples');
  const files = readdirSync(dir).filter((f) => f.endsWith('.xml')).map((f) => join(dir, f));
  return files.sort((a, b) => statSync(b).size - statSync(a).size)[0];
}

export async function parseAndValidate(file: string): Promise<number> {
  const bytes = new Uint8Array(readFileSync(file));
  return timeMedian(() => {
    const r = loadDocument(bytes, file);
    if (!r.loaded) throw new Error(`${file} did not load`);
  }, 40, 5);
}

/** Baseline for the parse: JSON.parse of the same number of bytes of JSON (a parser that is as fast as it gets). */
export async function jsonParseOfSameSize(file: string): Promise<number> {
  const size = statSync(file).size;
  const items = JSON.stringify(Array.from({ length: Math.floor(size / 40) }, (_, i) => ({ name: `step ${i}`, v: i })));
  return timeMedian(() => JSON.parse(items), 40, 5);
}

function wallMs(args: string[]): number {
  const t = performance.now();
  execFileSync(process.execPath, args, { stdio: 'ignore' });
  return performance.now() - t;
}

/** Median wall time of a fresh `taskseq validate` process (the bundle `npm run build` makes). */
export function coldStartValidate(runs = 15): { validate: number; bareNode: number; usedBundle: boolean } {
  const cli = join(root, 'agent', 'cli', 'taskseq.js');
  const example = join(root, 'examples', 'deploy-windows.xml');
  const usedBundle = existsSync(join(root, 'agent', 'cli', 'dist', 'main.js'));
  wallMs([cli, 'validate', example]);
  const validate = median(Array.from({ length: runs }, () => wallMs([cli, 'validate', example])));
  const bareNode = median(Array.from({ length: runs }, () => wallMs(['-e', '0'])));
  return { validate, bareNode, usedBundle };
}
