/**
 * Runs the CLI in-process against a sequence on a simulated machine and returns what a deployment engineer would
 * look at: the exit code, the JSON report, the parsed smsts.log and the state folder.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../agent/cli/main.ts';
import { parseCmtrace, type CmtraceEntry } from '../../agent/log/index.ts';

export interface RunReport {
  status: 'succeeded' | 'failed' | 'invalid' | 'error';
  exitCode: number;
  steps: Array<{ index: number; path: string; name: string; type: string; outcome: string; reason: string | null; exitCode: number | null; startedInWinPE: boolean }>;
  reboots: Array<{ afterStep: number; target: string }>;
  variables: Record<string, string>;
  message?: string;
  problems?: Array<{ severity: string; code: string; message: string; path?: string; line?: number; field?: string; file?: string }>;
}

export interface HarnessRun {
  code: number;
  stdout: string;
  stderr: string;
  report: RunReport;
  log: CmtraceEntry[];
  logText: string;
  dir: string;
}

const created: string[] = [];
// Runs leave disk images and volume folders behind; remove them when the test process ends (TASKSEQ_KEEP_TEST_DIRS=1
// keeps them for a look).
process.on('exit', () => {
  if (process.env.TASKSEQ_KEEP_TEST_DIRS === '1') return;
  for (const d of created) rmSync(d, { recursive: true, force: true });
});

/** A fresh working folder for one test, removed when the test process exits. */
export function workDir(prefix = 'taskseq-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  created.push(dir);
  return dir;
}

/** Writes `text` to `dir/name` and returns the path. */
export function writeFixture(dir: string, name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

/** Runs `taskseq <args>` in-process and returns its exit code and output. */
export async function runCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { out: (t) => (stdout += t.endsWith('\n') ? t : t + '\n'), err: (t) => (stderr += t.endsWith('\n') ? t : t + '\n') });
  return { code, stdout, stderr };
}

/** `taskseq run <file> --json` with the given extra options (no file: `--source` names it); state and logs go to `dir`. */
export async function runSequenceFile(file: string | undefined, dir: string, extra: string[] = []): Promise<HarnessRun> {
  const args = ['run', ...(file === undefined ? [] : [file]), '--json', '--state-dir', join(dir, 'state'), '--log-dir', join(dir, 'logs'), ...extra];
  const { code, stdout, stderr } = await runCli(args);
  const lines = stdout.trim().split('\n');
  const report = JSON.parse(lines[lines.length - 1]) as RunReport;
  const logText = readLog(join(dir, 'logs'));
  // smsts.log starts with a UTF-8 BOM, as ConfigMgr's logs do.
  const cmtrace = logText.replace(/^\ufeff/, '').startsWith('<![LOG[');
  return { code, stdout, stderr, report, log: cmtrace ? parseCmtrace(logText) : [], logText, dir };
}

function readLog(dir: string): string {
  try {
    return readdirSync(dir).filter((f) => f === 'smsts.log').map((f) => readFileSync(join(dir, f), 'utf8')).join('');
  } catch {
    return '';
  }
}

/** Writes a machine profile that extends a built-in one (shallow merge per top-level section). */
export function writeProfile(dir: string, name: string, base: Record<string, unknown>, overrides: Record<string, unknown>): string {
  const merged: Record<string, unknown> = { ...base, ...overrides, name };
  return writeFixture(dir, `${name}.json`, JSON.stringify(merged, null, 2));
}

/** The built-in profile's JSON (for tests that derive their own machines from it). */
export function builtinProfile(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(`../../agent/backends/simulated/profile/profiles/${name}.json`, import.meta.url), 'utf8'));
}
