/**
 * Parsers for what diskpart prints about one disk (pure): `detail disk`, `list partition` and `detail partition`.
 * `list disk` and `list volume` say nothing of which volume lives on which partition; these do, and `detail
 * partition` gives each partition's exact offset in bytes and its type (GPT type GUID or MBR id).
 */
import { TaskseqError } from '../../../engine/index.ts';
import { parseListVolume, parseSize, tableRows, type ListedVolume } from './diskpart-output.ts';

export interface DetailedDisk {
  /** The first line diskpart prints about the disk (`Samsung SSD 970 EVO Plus 500GB`). */
  model: string;
  /** `Type` as printed: `NVMe`, `SATA`, `SAS`, `USB`, `SCSI`, `RAID`, `File Backed Virtual`, ... */
  bus: string;
  readOnly: boolean;
  /** The disk holds the running Windows (`Boot Disk : Yes`); never a disk in Windows PE, whose X: is a RAM disk. */
  bootDisk: boolean;
  /** The page file, hibernation file or crash dump is on it. */
  systemFiles: string[];
  volumes: ListedVolume[];
}

export interface ListedPartition {
  number: number;
  /** `System`, `Reserved`, `Primary`, `Recovery`, `Extended`, `Logical`, `Unknown`. */
  type: string;
  sizeBytes: number;
  offsetBytes: number;
}

export interface DetailedPartition {
  number: number;
  /** A GPT type GUID (lower case) or an MBR id in hex (`07`). */
  type: string;
  hidden: boolean;
  /** GPT attributes as a number (`0x8000000000000001`); 0 on MBR. */
  attributes: bigint;
  /** MBR active flag. */
  active: boolean;
  offsetBytes: number;
  volume?: ListedVolume;
}

/** `Key : value` lines (diskpart pads keys with spaces), keys lower-cased. */
function fields(lines: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of lines) {
    const m = /^([A-Za-z][A-Za-z -]*?)\s*:\s*(.*)$/.exec(line.trim());
    if (m) out.set(m[1]!.toLowerCase(), m[2]!.trim());
  }
  return out;
}

const yes = (value: string | undefined) => value?.toLowerCase() === 'yes';

function volumesIn(text: string): ListedVolume[] {
  return /^\s*Volume ###/m.test(text) ? parseListVolume(text) : [];
}

/**
 * Parses `detail disk` for the selected disk.
 * @throws TaskseqError('invalid-input') when there is no `Disk ID` line (not a `detail disk` output)
 */
export function parseDetailDisk(text: string): DetailedDisk {
  const lines = text.split(/\r?\n/);
  const id = lines.findIndex((l) => /^\s*Disk ID\s*:/.test(l));
  if (id < 0) throw new TaskseqError('invalid-input', 'diskpart detail disk output has no "Disk ID" line');
  const model = lines.slice(0, id).reverse().find((l) => l.trim() !== '')?.trim() ?? '';
  const f = fields(lines.slice(id));
  const systemFiles = [['pagefile disk', 'the page file'], ['hibernation file disk', 'the hibernation file'], ['crashdump disk', 'the crash dump']]
    .filter(([key]) => yes(f.get(key!))).map(([, what]) => what!);
  return {
    model, bus: f.get('type') ?? '', readOnly: yes(f.get('read-only')) || yes(f.get('current read-only state')),
    bootDisk: yes(f.get('boot disk')), systemFiles, volumes: volumesIn(text),
  };
}

/**
 * Parses `list partition`; a disk without partitions lists none.
 * @throws TaskseqError('invalid-input') naming the line when a row is malformed
 */
export function parseListPartition(text: string): ListedPartition[] {
  if (/There are no partitions on this disk/i.test(text)) return [];
  return tableRows(text, 'list partition', 'Partition ###', 4).map(({ cells, lineNumber, line }) => {
    const [name, type, size, offset] = cells;
    const m = /^\*?\s*Partition (\d+)$/.exec(name!);
    if (!m) throw new TaskseqError('invalid-input', `diskpart list partition output, line ${lineNumber} ("${line.trim()}"): expected "Partition <number>"`);
    return {
      number: Number(m[1]), type: type!, sizeBytes: parseSize(size!, 'list partition', lineNumber, line),
      offsetBytes: parseSize(offset!, 'list partition', lineNumber, line),
    };
  });
}

/**
 * Parses the `detail partition` outputs of one diskpart run, each starting with its `Partition <n>` line.
 * @throws TaskseqError('invalid-input') for a block without `Type` or `Offset in Bytes`
 */
export function parseDetailPartitions(text: string): DetailedPartition[] {
  const blocks = text.split(/^(?=Partition \d+\s*$)/m).filter((b) => /^Partition \d+\s*$/m.test(b.split(/\r?\n/)[0] ?? ''));
  return blocks.map((block) => {
    const lines = block.split(/\r?\n/);
    const number = Number(/^Partition (\d+)/.exec(lines[0]!)![1]);
    const f = fields(lines.slice(1));
    const type = f.get('type');
    const offset = f.get('offset in bytes');
    if (!type || !offset || !/^\d+$/.test(offset)) {
      throw new TaskseqError('invalid-input', `diskpart detail partition output for partition ${number} has no Type or Offset in Bytes line`);
    }
    const attrib = f.get('attrib');
    const volume = volumesIn(block)[0];
    return {
      number, type: type.toLowerCase(), hidden: yes(f.get('hidden')), active: yes(f.get('active')),
      attributes: attrib && /^0x[0-9a-f]+$/i.test(attrib) ? BigInt(attrib.toLowerCase()) : 0n,
      offsetBytes: Number(offset), ...(volume ? { volume } : {}),
    };
  });
}
