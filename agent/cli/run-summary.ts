/**
 * The end of `taskseq run` without `--json`: the outcome in one line, then where to look next — the log, the
 * machine's final state and each simulated disk with the command that reads its partition table back.
 */
import type { DeploymentReport } from '../runner/run-deployment.ts';
import { finalStateFile } from '../runner/state-folder.ts';
import type { CliIO } from './io.ts';
import { checkTools, localToolEnvironment } from '../doctor/check-tools.ts';
import { REQUIRED_TOOLS } from '../doctor/required-tools.ts';

/** Whether the command printed to read a disk back can run here, and where it comes from when it cannot. */
export interface TableReader {
  found: boolean;
  /** The package that brings `sfdisk` (from the doctor's tool list). */
  packageName: string;
}

/** Looks `sfdisk` up the way `taskseq doctor` does. */
export function localTableReader(): TableReader {
  const tool = REQUIRED_TOOLS.find((t) => t.command === 'sfdisk')!;
  const [check] = checkTools([{ ...tool, versionArgs: undefined }], localToolEnvironment());
  return { found: check?.path !== undefined, packageName: tool.packageName };
}

/** Quotes a path for a POSIX shell when it needs it, so the printed command can be pasted as it is. */
function shellWord(path: string): string {
  return /^[\w@%+=:,./-]+$/.test(path) ? path : `'${path.replace(/'/g, `'\\''`)}'`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** The outcome line: step runs, failures, skips and restarts. */
export function renderOutcome(r: DeploymentReport): string {
  const ran = r.steps.filter((s) => s.outcome === 'succeeded' || s.outcome === 'failed').length;
  const failed = r.steps.filter((s) => s.outcome === 'failed').length;
  const skipped = r.steps.length - ran;
  return `Task sequence ${r.status} (exit code ${r.exitCode}): ${ran} step runs, ${failed} failed, ${skipped} skipped, ${plural(r.reboots.length, 'restart')}.`;
}

/** Where the run left what it did: the log, the final machine state and the disk images. */
export function renderWhereToLook(r: DeploymentReport, reader: TableReader): string[] {
  const lines = [
    `Log: ${r.logFile} (CMTrace format; every step, skip reason, variable change and restart, secrets masked)`,
    `Machine at the end: ${finalStateFile(r.stateDir)} (the profile's JSON form; diff two runs' files)`,
  ];
  for (const d of r.disks) {
    lines.push(`Disk ${d.index} (${d.style}): ${d.path}`);
    if (d.style === 'RAW') continue;
    const missing = reader.found ? '' : ` (sfdisk is not installed here: it is in the package ${reader.packageName})`;
    lines.push(`  read its partition table back: sfdisk --json ${shellWord(d.path)}${missing}`);
  }
  return lines;
}

/** Prints the end of a run: why it ended early (to stderr), the outcome and where to look. */
export function printSummary(io: CliIO, r: DeploymentReport, reader: TableReader = localTableReader()): void {
  if (r.message) io.err(r.message);
  io.out(renderOutcome(r));
  for (const line of renderWhereToLook(r, reader)) io.out(line);
}
