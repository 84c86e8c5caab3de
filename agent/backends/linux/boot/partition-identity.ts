/**
 * How the BCD store names a partition, read from the disk's own table with `sfdisk --json`: on GPT the disk GUID
 * (`id`) and the partition's unique GUID (`uuid`), on MBR the disk signature (`id`, `0x...`) and the partition's
 * offset in bytes. The probe's disk facts carry neither, so the boot files read them where they are needed.
 */
import { TaskseqError } from '../../../../engine/index.ts';
import type { BcdPartition } from '../../../formats/bcd/index.ts';
import type { RunProcess } from '../../process/process-types.ts';
import { parseToolJson, runProbeTool } from '../probe/probe-tool.ts';

/** A disk's identity and where its partitions start. */
export interface DiskIdentity {
  device: string;
  style: 'GPT' | 'MBR';
  /** GPT disk GUID (upper case), or the MBR disk signature. */
  diskGuid?: string;
  diskSignature?: number;
  partitions: Array<{ startBytes: number; uuid?: string }>;
}

type Raw = Record<string, unknown>;

/**
 * Parses `sfdisk --json <device>` output.
 * @throws TaskseqError `unsupported` for a disk with neither a GPT nor an MBR table, or a table without its identity
 */
export function parseDiskIdentity(device: string, argv: readonly string[], stdout: string): DiskIdentity {
  const table = ((parseToolJson(argv, stdout) as { partitiontable?: Raw } | null)?.partitiontable ?? {}) as Raw;
  const sectorSize = Number(table.sectorsize) || 512;
  const partitions = (Array.isArray(table.partitions) ? (table.partitions as Raw[]) : []).map((p) => ({
    startBytes: Number(p.start) * sectorSize,
    ...(typeof p.uuid === 'string' ? { uuid: p.uuid.toUpperCase() } : {}),
  }));
  const id = String(table.id ?? '');
  if (table.label === 'gpt' && /^[0-9a-f-]{36}$/i.test(id)) return { device, style: 'GPT', diskGuid: id.toUpperCase(), partitions };
  if (table.label === 'dos' && /^0x[0-9a-f]{1,8}$/i.test(id)) return { device, style: 'MBR', diskSignature: parseInt(id, 16), partitions };
  throw new TaskseqError('unsupported', `cannot name the partitions of ${device} in a BCD store: ${argv.join(' ')} shows no GPT or MBR table with a disk identity`);
}

/** Runs one planned `sfdisk --json <disk>` and reads the disk's identity from it. */
export async function readDiskIdentity(run: RunProcess, argv: readonly string[]): Promise<DiskIdentity> {
  const device = argv[argv.length - 1];
  return parseDiskIdentity(device, argv, (await runProbeTool(run, argv)).stdout);
}

/**
 * The BCD form of the partition starting at `offsetBytes` on the disk.
 * @throws TaskseqError `unsupported` when the table has no partition there, or a GPT partition without its GUID
 */
export function bcdPartitionAt(disk: DiskIdentity, offsetBytes: number): BcdPartition {
  const entry = disk.partitions.find((p) => p.startBytes === offsetBytes);
  if (!entry) throw new TaskseqError('unsupported', `cannot name a partition in a BCD store: ${disk.device} has no partition starting at byte ${offsetBytes}`);
  if (disk.style === 'MBR') return { style: 'MBR', diskSignature: disk.diskSignature!, offsetBytes };
  if (!entry.uuid) throw new TaskseqError('unsupported', `cannot name a partition in a BCD store: the partition at byte ${offsetBytes} of ${disk.device} has no GUID`);
  return { style: 'GPT', diskGuid: disk.diskGuid!, partitionGuid: entry.uuid };
}
