/** A device's partition table as `sfdisk --json <device>` prints it, in bytes. */
import type { BlockPartition } from '../block-device.ts';
import type { RunProcess } from '../../process/process-types.ts';
import { parseToolJson, runProbeTool } from './probe-tool.ts';

/** One table entry: the partition's placement and type, before its file system is known. */
export type SfdiskEntry = Pick<BlockPartition, 'number' | 'startBytes' | 'sizeBytes' | 'typeId' | 'attributes' | 'bootable'> & {
  /** The node name sfdisk gives the partition (`/dev/sda1`), whether or not the kernel made it. */
  node: string;
};

type Raw = Record<string, unknown>;

/** The command that prints a device's partition table as JSON (read-only). */
export function sfdiskArgv(device: string): string[] {
  return ['sfdisk', '--json', device];
}

/** sfdisk prints MBR ids as bare hex (`7`, `ef`); the block device shape holds `0x07`, `0xef`. */
function typeIdOf(label: string, type: unknown): string {
  const value = String(type ?? '').trim();
  if (label === 'gpt') return value.toUpperCase();
  return `0x${value.toLowerCase().replace(/^0x/, '').padStart(2, '0')}`;
}

/** The number is the node's trailing digits (`/dev/nvme0n1p3` -> 3, `/dev/sda10` -> 10), as sfdisk numbers entries. */
function numberOf(node: string, position: number): number {
  const digits = /(\d+)$/.exec(node)?.[1];
  return digits ? Number(digits) : position + 1;
}

function entryOf(raw: Raw, position: number, label: string, sectorSize: number): SfdiskEntry {
  const node = String(raw.node ?? '');
  return {
    node, number: numberOf(node, position),
    startBytes: Number(raw.start) * sectorSize, sizeBytes: Number(raw.size) * sectorSize,
    typeId: typeIdOf(label, raw.type), attributes: typeof raw.attrs === 'string' ? raw.attrs : '',
    bootable: raw.bootable === true,
  };
}

/**
 * Parses the JSON of `sfdisk --json <device>`. Start and size are in the table's sectors (`sectorsize`, else the
 * device's logical sector size).
 */
export function parseSfdisk(device: string, stdout: string, deviceSectorSize: number): SfdiskEntry[] {
  const doc = parseToolJson(sfdiskArgv(device), stdout) as { partitiontable?: Raw } | null;
  const table = doc?.partitiontable ?? {};
  const label = String(table.label ?? '');
  const sectorSize = Number(table.sectorsize) || deviceSectorSize;
  const entries = Array.isArray(table.partitions) ? (table.partitions as Raw[]) : [];
  return entries.map((raw, i) => entryOf(raw, i, label, sectorSize));
}

/** The partition table of a device known to have one. */
export async function readPartitionTable(run: RunProcess, device: string, deviceSectorSize: number): Promise<SfdiskEntry[]> {
  return parseSfdisk(device, (await runProbeTool(run, sfdiskArgv(device))).stdout, deviceSectorSize);
}
