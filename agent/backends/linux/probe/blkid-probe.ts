/**
 * What libblkid finds at a place of a device (`blkid --probe`): a partition table on a whole device, or a file system
 * inside a partition that has no kernel node, probed through the whole device at the partition's offset.
 */
import type { RunProcess } from '../../process/process-types.ts';
import { firstLine, runProbeTool } from './probe-tool.ts';

/**
 * blkid's exit codes for "nothing found" (2) and "more than one signature, none certain" (8). blkid also exits with 2
 * when it cannot open the device, and then says so on standard error.
 */
const NOTHING_CERTAIN = [2, 8];

/** What the probe found; every finding absent when nothing (certain) was found. */
export interface ProbeResult {
  /** The first line of blkid's complaint when it could not open the device (`... Operation not permitted`). */
  openError?: string;
  /** `gpt`, `dos`, ... */
  tableType?: string;
  /** `vfat`, `ntfs`, `ext4`, ... */
  fsType?: string;
  label?: string;
}

/** A byte range of a device to probe; the whole device when absent. */
export interface ProbeRange {
  offsetBytes: number;
  sizeBytes: number;
}

/** The low-level probe of a whole device, or of `range` of it; bypasses blkid's cache. */
export function blkidArgv(device: string, range?: ProbeRange): string[] {
  const at = range ? ['--offset', String(range.offsetBytes), '--size', String(range.sizeBytes)] : [];
  return ['blkid', '--probe', '--output', 'export', ...at, device];
}

/** `-o export` escapes shell-special characters (`My\ Disk`) with a backslash. */
function unescape(value: string): string {
  return value.replace(/\\(.)/g, '$1');
}

/** Parses `KEY=value` lines of `blkid --output export`. */
export function parseBlkidExport(stdout: string): ProbeResult {
  const values = new Map<string, string>();
  for (const line of stdout.split('\n')) {
    const eq = line.indexOf('=');
    if (eq > 0) values.set(line.slice(0, eq).trim(), unescape(line.slice(eq + 1).trim()));
  }
  const result: ProbeResult = {};
  const table = values.get('PTTYPE');
  const fs = values.get('USAGE') === 'filesystem' ? values.get('TYPE') : undefined;
  if (table) result.tableType = table;
  if (fs) result.fsType = fs;
  if (fs && values.get('LABEL')) result.label = values.get('LABEL');
  return result;
}

/** Probes `device` (or `range` of it); read-only, bypasses blkid's cache. */
export async function probeSignatures(run: RunProcess, device: string, range?: ProbeRange): Promise<ProbeResult> {
  const result = await runProbeTool(run, blkidArgv(device, range), [0, ...NOTHING_CERTAIN]);
  if (result.exitCode === 0) return parseBlkidExport(result.stdout);
  const complaint = firstLine(result.stderr);
  return complaint ? { openError: complaint } : {};
}
