/** Media folders for tests: a content folder, a sequence, and `taskseq media build` / `run --media` through the CLI. */
import { mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, type RunReport } from './harness.ts';

export const PASSWORD = 'Pa55-Media-Word';

/** `<dir>/content` with LAB00012 (three files, about 3 KiB) and LAB00099 (not referenced by the sequences below). */
export function writeContent(dir: string): string {
  const content = join(dir, 'content');
  mkdirSync(join(content, 'LAB00012', 'sub'), { recursive: true });
  mkdirSync(join(content, 'LAB00099'), { recursive: true });
  writeFileSync(join(content, 'LAB00012', 'setup.cmd'), 'install.exe /quiet\r\n');
  writeFileSync(join(content, 'LAB00012', 'sub', 'data-a.bin'), Buffer.alloc(1500, 1));
  writeFileSync(join(content, 'LAB00012', 'sub', 'data-b.bin'), Buffer.alloc(1500, 2));
  writeFileSync(join(content, 'LAB00099', 'unused.txt'), 'not referenced');
  return content;
}

export function writePasswordFile(dir: string, password = PASSWORD): string {
  const file = join(dir, 'password.txt');
  writeFileSync(file, `${password}\n`);
  return file;
}

/** `taskseq media build --sequence F --out OUT ...`; the outcome with stdout/stderr. */
export async function buildMedia(sequence: string, out: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return runCli(['media', 'build', '--sequence', sequence, '--out', out, ...args]);
}

export interface MediaRunResult {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout and stderr together (with --json, errors are a JSON object on stdout). */
  out: string;
  report?: RunReport;
  state: string;
  logs: string;
}

/** `taskseq run --media DIR --json` with state and logs under `dir`. */
export async function runMedia(media: string, dir: string, args: string[]): Promise<MediaRunResult> {
  const state = join(dir, 'state');
  const logs = join(dir, 'logs');
  const r = await runCli(['run', '--media', media, '--json', '--state-dir', state, '--log-dir', logs, ...args]);
  const last = r.stdout.trim().split('\n').pop() ?? '';
  return { ...r, out: r.stdout + r.stderr, report: last.startsWith('{') ? JSON.parse(last) as RunReport : undefined, state, logs };
}

/** Every file under `dir` except sparse disk images (they are partition tables and holes). */
export function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    if (statSync(p).isDirectory()) return filesUnder(p);
    return n.endsWith('.img') ? [] : [p];
  });
}
