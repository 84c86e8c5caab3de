/** Which file each loop device reads and writes, from `losetup --json --list`. */
import type { BlockDevice } from '../block-device.ts';
import type { RunProcess } from '../../process/process-types.ts';
import { parseToolJson, runProbeTool } from './probe-tool.ts';

/** Lists every loop device in use with its backing file, offset and size limit. */
export const LOSETUP_ARGV: readonly string[] = ['losetup', '--json', '--list'];

/** What a loop device reads and writes. */
export type LoopBacking = NonNullable<BlockDevice['backing']>;

type Raw = Record<string, unknown>;

function backingOf(raw: Raw): LoopBacking | undefined {
  const file = typeof raw['back-file'] === 'string' ? raw['back-file'].trim() : '';
  if (file === '') return undefined;
  const backing: LoopBacking = { file, offsetBytes: Number(raw.offset) || 0 };
  // losetup prints 0 for "no limit": the device then runs to the end of the file.
  const limit = Number(raw.sizelimit) || 0;
  if (limit > 0) backing.sizeLimitBytes = limit;
  return backing;
}

/**
 * Parses the JSON of {@link LOSETUP_ARGV}: loop device path -> backing. A loop device without a backing file is left
 * out. losetup prints nothing at all when no loop device is in use.
 */
export function parseLosetup(stdout: string): Map<string, LoopBacking> {
  const map = new Map<string, LoopBacking>();
  if (stdout.trim() === '') return map;
  const doc = parseToolJson(LOSETUP_ARGV, stdout) as { loopdevices?: Raw[] } | null;
  for (const raw of doc?.loopdevices ?? []) {
    const backing = backingOf(raw);
    if (typeof raw.name === 'string' && backing) map.set(raw.name, backing);
  }
  return map;
}

/** The backing of every loop device in use. */
export async function readLoopBacking(run: RunProcess): Promise<Map<string, LoopBacking>> {
  return parseLosetup((await runProbeTool(run, LOSETUP_ARGV)).stdout);
}
