/**
 * The disks of a Windows PC as diskpart reports them, read into the engine's `DiskFacts` plus what the safety rules
 * need. Three rounds, each one `diskpart` reading its commands on standard input (it writes nothing):
 * `list disk`; per disk `select disk N` + `detail disk` + `list partition`; per disk with partitions
 * `select disk N` + `select partition P` + `detail partition` for each. Sizes of disks and partitions are what
 * diskpart prints (rounded to its unit); offsets come exact from `detail partition`.
 */
import { TaskseqError, type DiskBus, type DiskFacts, type FileSystemKind, type PartitionFacts } from '../../../../engine/index.ts';
import { gptRoleOf, mbrRoleOf } from '../../live/partition-roles.ts';
import type { RunProcess } from '../../process/process-types.ts';
import { parseDetailDisk, parseDetailPartitions, parseListPartition, type DetailedDisk, type DetailedPartition } from '../../../renderers/windows/diskpart-detail.ts';
import { parseListDisk, parseListVolume, type ListedVolume } from '../../../renderers/windows/diskpart-output.ts';

/** One disk: the engine's facts and what the safety rules read. */
export interface WindowsDisk {
  facts: DiskFacts;
  detail: DetailedDisk;
  /** Every volume of the disk, with its Info column (`Boot`, `System`, `Pagefile`). */
  volumes: ListedVolume[];
}

/** Seconds diskpart may take for a read (it waits for the Virtual Disk Service to start). */
const READ_TIMEOUT_MS = 120_000;

/**
 * Runs diskpart with `commands` on standard input and returns its output.
 * @throws TaskseqError('unsupported') naming diskpart's error lines when it exits non-zero or is stopped
 */
export async function diskpart(run: RunProcess, commands: readonly string[]): Promise<string> {
  const r = await run({ argv: ['diskpart.exe'], input: `${[...commands, 'exit'].join('\r\n')}\r\n`, timeoutMs: READ_TIMEOUT_MS });
  if (r.exitCode !== 0 || r.killed) throw diskpartFailure(`diskpart (${commands.join(', ')})`, r);
  return r.stdout;
}

/** `<what> failed with exit code N: <diskpart's error lines>`: the lines after its banner that say why. */
export function diskpartFailure(what: string, r: { exitCode: number; stdout: string; stderr: string; killed: boolean }): TaskseqError {
  const lines = `${r.stdout}\n${r.stderr}`.split(/\r?\n/).map((l) => l.trim())
    .filter((l) => /error|failed|not |cannot|invalid|denied/i.test(l) && !/^Microsoft DiskPart/i.test(l));
  const why = lines.length ? lines.slice(0, 3).join(' / ') : 'diskpart printed no error line';
  return new TaskseqError('unsupported', `${what} ${r.killed ? 'was stopped' : `failed with exit code ${r.exitCode}`}: ${why}`);
}

/** diskpart's `Type` -> the engine's bus. */
function busOf(type: string): DiskBus {
  const t = type.toLowerCase();
  if (t === 'nvme') return 'NVMe';
  if (t === 'usb') return 'USB';
  if (t === 'sata' || t === 'ata') return 'SATA';
  if (t.includes('virtual')) return 'Virtual';
  return 'SCSI';
}

function fileSystemOf(fs: string | undefined): FileSystemKind {
  const f = fs?.toUpperCase();
  return f === 'NTFS' ? 'NTFS' : f === 'FAT32' ? 'FAT32' : 'RAW';
}

/** `0x8000000000000001` -> sfdisk's text form, which the shared role rules read. */
function attributeText(attributes: bigint): string {
  const bits = [...Array(64).keys()].filter((b) => b > 0 && ((attributes >> BigInt(b)) & 1n) === 1n);
  return [(attributes & 1n) === 1n ? 'RequiredPartition' : '', bits.length ? `GUID:${bits.join(',')}` : ''].filter(Boolean).join(' ');
}

function partitionFacts(gpt: boolean, p: DetailedPartition, sizeBytes: number): PartitionFacts {
  const role = gpt ? gptRoleOf(p.type, attributeText(p.attributes)) : mbrRoleOf(parseInt(p.type, 16), p.number);
  const v = p.volume;
  return {
    number: p.number, role, offsetBytes: p.offsetBytes, sizeBytes, active: p.active,
    ...(v && role !== 'MSR' && role !== 'Extended'
      ? { volume: { ...(v.letter ? { letter: v.letter } : {}), fileSystem: fileSystemOf(v.fileSystem), label: v.label, sizeBytes: v.sizeBytes, usedBytes: 0 } }
      : {}),
  };
}

/** The disks, and the drive letters every volume holds (optical drives and media too). */
export interface WindowsDisks {
  disks: WindowsDisk[];
  letters: string[];
}

/**
 * Reads every disk diskpart lists, in its numbering (the numbers sequences and `--target-disk` use).
 * @throws TaskseqError('unsupported') when diskpart fails; ('invalid-input') when its output cannot be read
 */
export async function readWindowsDisks(run: RunProcess): Promise<WindowsDisks> {
  const first = await diskpart(run, ['list disk', 'list volume']);
  const listed = parseListDisk(first);
  const letters = parseListVolume(first.slice(first.search(/^\s*Volume ###/m))).flatMap((v) => (v.letter ? [v.letter] : []));
  const disks: WindowsDisk[] = [];
  for (const d of listed.filter((x) => x.status !== 'No Media' && x.sizeBytes > 0)) {
    const text = await diskpart(run, [`select disk ${d.index}`, 'detail disk', 'list partition']);
    const detail = parseDetailDisk(text);
    const listedPartitions = parseListPartition(text.slice(text.search(/^\s*(Partition ###|There are no partitions)/m)));
    const details = listedPartitions.length
      ? parseDetailPartitions(await diskpart(run, [`select disk ${d.index}`, ...listedPartitions.flatMap((p) => [`select partition ${p.number}`, 'detail partition'])]))
      : [];
    const partitions = details.map((p) => partitionFacts(d.gpt, p, listedPartitions.find((x) => x.number === p.number)?.sizeBytes ?? 0));
    const style = d.gpt ? 'GPT' : partitions.length ? 'MBR' : 'RAW';
    disks.push({
      detail, volumes: detail.volumes,
      facts: {
        index: d.index, sizeBytes: d.sizeBytes, sectorSize: 512, bus: busOf(detail.bus), removable: busOf(detail.bus) === 'USB' || detail.volumes.some((v) => v.type === 'Removable'),
        model: detail.model, serialNumber: '', style, partitions,
      },
    });
  }
  return { disks, letters };
}
