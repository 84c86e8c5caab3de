/**
 * Test-only entry, bundled into one file and run by the Windows build of Node under wine: it drives the real
 * Windows process runner (real spawn, this machine's registry, cmd.exe and taskkill) and its synchronous door
 * through the wine test's cases and prints their results as one JSON line. A JSON file named as its argument adds requests by name (the command
 * lines `taskseq plan --backend winpe` printed for a sequence). Nothing of the agent starts it.
 */
import { readFileSync } from 'node:fs';
import { createWindowsProcessRunner } from '../windows-process-runner.ts';
import type { ProcessRequest } from '../../process-types.ts';
import { createWindowsSyncRunner } from '../windows-sync-runner.ts';
import { wineCases, wineSyncCases } from './wine-cases.ts';

async function main(): Promise<void> {
  const logged: string[] = [];
  const run = createWindowsProcessRunner({ log: (line) => logged.push(line), killGraceMs: 1000 });
  const results: Record<string, unknown> = {};
  const planned: Record<string, ProcessRequest> = process.argv[2] ? JSON.parse(readFileSync(process.argv[2], 'utf8')) : {};
  for (const [name, request] of Object.entries({ ...wineCases(process.execPath), ...planned })) {
    try {
      results[name] = await run(request);
    } catch (e) {
      results[name] = { error: String(e) };
    }
  }
  const runSync = createWindowsSyncRunner({ log: (line) => logged.push(line) });
  for (const [name, request] of Object.entries(wineSyncCases())) {
    try {
      results[name] = runSync(request);
    } catch (e) {
      results[name] = { error: String(e) };
    }
  }
  // Where taskkill could not end the tree, the grandchild is still there: end it, so that nothing outlives the test.
  const left = /^(\d+)/.exec((results.tree as { stdout?: string }).stdout ?? '');
  if (left) results.treeCleanup = await run({ argv: ['taskkill', '/F', '/PID', left[1]!] });
  process.stdout.write(`${JSON.stringify({ node: process.version, results, logged })}\n`);
}

void main();
