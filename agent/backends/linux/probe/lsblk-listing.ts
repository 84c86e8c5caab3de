/**
 * The machine's block devices as `lsblk --json --bytes` lists them: whole devices at the top, the partitions the
 * kernel made nodes for as their children.
 */
import type { BlockDevice } from '../block-device.ts';
import type { RunProcess } from '../../process/process-types.ts';
import { parseToolJson, runProbeTool } from './probe-tool.ts';

/**
 * The columns the probe reads (util-linux 2.37 and later have them all; MOUNTPOINTS came in 2.37). An explicit list
 * keeps the output small and its shape fixed whatever a newer lsblk adds to `--output-all`.
 */
export const LSBLK_COLUMNS = 'PATH,KNAME,TYPE,SIZE,LOG-SEC,RM,RO,TRAN,MODEL,SERIAL,PTTYPE,FSTYPE,LABEL,MOUNTPOINTS';

/** Lists every block device, partitions as children, sizes in bytes. */
export const LSBLK_ARGV: readonly string[] = ['lsblk', '--json', '--bytes', '--output', LSBLK_COLUMNS];

/** One lsblk node, with lsblk's nulls turned into absent values and empty lists; the device fields as on a disk. */
export type LsblkNode = Pick<BlockDevice,
  'path' | 'sizeBytes' | 'logicalSectorSize' | 'removable' | 'readOnly' | 'transport' | 'model' | 'serial' | 'mountpoints'> & {
  /** Kernel name (`sda`, `loop3`, `zram0`). */
  kernelName: string;
  /** `disk`, `loop`, `part`, `rom`, `lvm`, `crypt`, ... */
  type: string;
  /** `gpt`, `dos`, ...; only when udev (or lsblk's own probing) knows it, so absent is not "no table". */
  tableType?: string;
  /** As for `tableType`: absent is not "unformatted". */
  fsType?: string;
  label?: string;
  children: LsblkNode[];
};

type Raw = Record<string, unknown>;

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** With `--json --bytes`, the lsblk versions that have MOUNTPOINTS print sizes as numbers and flags as booleans. */
function num(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

function mountpointsOf(raw: Raw): string[] {
  return (Array.isArray(raw.mountpoints) ? raw.mountpoints : []).map(text).filter((m): m is string => m !== undefined);
}

function nodeOf(raw: Raw): LsblkNode {
  const node: LsblkNode = {
    path: text(raw.path) ?? '', kernelName: text(raw.kname) ?? '', type: text(raw.type) ?? '',
    sizeBytes: num(raw.size), logicalSectorSize: num(raw['log-sec']), removable: raw.rm === true, readOnly: raw.ro === true,
    model: text(raw.model) ?? '', serial: text(raw.serial) ?? '', mountpoints: mountpointsOf(raw),
    children: Array.isArray(raw.children) ? (raw.children as Raw[]).map(nodeOf) : [],
  };
  const optional = { transport: text(raw.tran), tableType: text(raw.pttype), fsType: text(raw.fstype), label: text(raw.label) };
  for (const [key, value] of Object.entries(optional)) if (value !== undefined) Object.assign(node, { [key]: value });
  return node;
}

/** Parses the JSON of {@link LSBLK_ARGV}. */
export function parseLsblk(stdout: string): LsblkNode[] {
  const doc = parseToolJson(LSBLK_ARGV, stdout) as { blockdevices?: Raw[] } | null;
  return (doc?.blockdevices ?? []).map(nodeOf);
}

/** Every block device lsblk lists, in the order it prints them (no `--sort`: that order is the disk numbering). */
export async function listBlockNodes(run: RunProcess): Promise<LsblkNode[]> {
  return parseLsblk((await runProbeTool(run, LSBLK_ARGV)).stdout);
}
