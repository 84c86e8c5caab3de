/**
 * diskpart's console output in its documented formats, written from a small description of a PC's disks, for the
 * replay runner: the banner, a `DISKPART> ` prompt before each command's output, tables padded to their dashes
 * lines (labels cut at 11 characters, as diskpart does), sizes in binary units and CRLF line ends. Also the calls
 * `readWindowsDisks` makes, in its order, each with the commands it sends on standard input.
 */
import type { ListedVolume } from '../../../renderers/windows/diskpart-output.ts';
import type { ReplayedCall } from './replay-runner.ts';

/** A volume as `list volume` shows it; `status` is `Healthy` and `info` empty unless given. */
export type RecordedVolume = Omit<ListedVolume, 'status' | 'info'> & { status?: string; info?: string };

export interface RecordedPartition {
  number: number;
  /** `list partition`'s Type column: `System`, `Reserved`, `Primary`, `Recovery`. */
  kind: string;
  /** `detail partition`'s Type: a GPT type GUID or an MBR id in hex (`07`). */
  type: string;
  offsetBytes: number;
  sizeBytes: number;
  hidden?: boolean;
  active?: boolean;
  /** GPT attributes as diskpart prints them (`0X8000000000000001`). */
  attributes?: string;
  volume?: RecordedVolume;
}

export interface RecordedDisk {
  index: number;
  model: string;
  /** `detail disk`'s Type: `NVMe`, `SATA`, `USB`. */
  bus: string;
  sizeBytes: number;
  gpt: boolean;
  partitions: RecordedPartition[];
}

const CRLF = '\r\n';
const UNITS: Array<[string, number]> = [['TB', 2 ** 40], ['GB', 2 ** 30], ['MB', 2 ** 20], ['KB', 2 ** 10]];

/** diskpart's size: the largest unit that still shows ten or more (`1024 KB`, `499 MB`, `476 GB`). */
export function diskpartSize(bytes: number): string {
  const unit = UNITS.find(([, n]) => bytes >= 10 * n);
  return unit ? `${Math.floor(bytes / unit[1])} ${unit[0]}` : `${bytes} B`;
}

/** One table: a header, its dashes line and rows, each cell padded to its column (`right`: aligned right). */
function table(columns: Array<[string, number, boolean?]>, rows: string[][]): string {
  const cell = (text: string, width: number, right?: boolean) => (right ? text.padStart(width) : text.padEnd(width)).slice(0, width);
  // A selected row's `*` stands in the indent, as diskpart prints it.
  const line = (cells: string[]) => {
    const mark = cells[0]!.startsWith('* ') ? '* ' : '  ';
    return `${mark}${cells.map((c, i) => cell(i === 0 ? c.replace(/^\* /, '') : c, columns[i]![1], columns[i]![2])).join('  ')}`.trimEnd();
  };
  return [line(columns.map(([h]) => h)), line(columns.map(([, w]) => '-'.repeat(w))), ...rows.map(line)].join(CRLF);
}

/** `list disk`, the disk `selected` marked with `*`. */
export function listDiskText(disks: readonly RecordedDisk[], selected?: number): string {
  const free = (d: RecordedDisk) => d.sizeBytes - d.partitions.reduce((s, p) => s + p.sizeBytes, 0) - (d.partitions.length ? 2 ** 20 : 0);
  return table([['Disk ###', 8], ['Status', 13], ['Size', 7, true], ['Free', 7, true], ['Dyn', 3], ['Gpt', 3]],
    disks.map((d) => [`${d.index === selected ? '* ' : ''}Disk ${d.index}`, 'Online', diskpartSize(d.sizeBytes), diskpartSize(Math.max(0, free(d))), '', d.gpt ? ' *' : '']));
}

function volumeRows(volumes: readonly RecordedVolume[], selected?: number): string[][] {
  return volumes.map((v) => [
    `${v.index === selected ? '* ' : ''}Volume ${v.index}`, v.letter ? ` ${v.letter.replace(':', '')}` : '', v.label, v.fileSystem, v.type,
    diskpartSize(v.sizeBytes), v.status ?? 'Healthy', v.info ?? '',
  ]);
}

/** `list volume` (and the volume table under `detail disk` and `detail partition`). */
export function listVolumeText(volumes: readonly RecordedVolume[], selected?: number): string {
  if (!volumes.length) return 'There are no volumes.';
  return table([['Volume ###', 10], ['Ltr', 3], ['Label', 11], ['Fs', 5], ['Type', 10], ['Size', 7, true], ['Status', 9], ['Info', 8]], volumeRows(volumes, selected));
}

const volumesOf = (disk: RecordedDisk) => disk.partitions.flatMap((p) => (p.volume ? [p.volume] : []));

/** `detail disk` of `disk`. */
export function detailDiskText(disk: RecordedDisk): string {
  const no = 'No';
  return [
    disk.model, `Disk ID: {5E1D0C4A-7B52-4C1E-9A43-${String(disk.index).padStart(12, '0')}}`, `Type   : ${disk.bus}`, 'Status : Online',
    'Path   : 0', 'Target : 0', `LUN ID : ${disk.index}`, `Location Path : PCIROOT(0)#PCI(0100)#DISK(${disk.index})`, `Current Read-only State : ${no}`,
    `Read-only  : ${no}`, `Boot Disk  : ${no}`, `Pagefile Disk  : ${no}`, `Hibernation File Disk  : ${no}`, `Crashdump Disk  : ${no}`,
    `Clustered Disk  : ${no}`, '', listVolumeText(volumesOf(disk)),
  ].join(CRLF);
}

/** `list partition` of `disk`. */
export function listPartitionText(disk: RecordedDisk): string {
  if (!disk.partitions.length) return 'There are no partitions on this disk to show.';
  return table([['Partition ###', 13], ['Type', 16], ['Size', 7, true], ['Offset', 7, true]],
    disk.partitions.map((p) => [`Partition ${p.number}`, p.kind, diskpartSize(p.sizeBytes), diskpartSize(p.offsetBytes)]));
}

/** `detail partition` of `partition` on a GPT or MBR disk. */
export function detailPartitionText(partition: RecordedPartition, gpt: boolean): string {
  const yesNo = (b: boolean | undefined) => (b ? 'Yes' : 'No');
  const head = gpt
    ? [`Type    : ${partition.type}`, `Hidden  : ${yesNo(partition.hidden)}`, 'Required: No', `Attrib  : ${partition.attributes ?? '0000000000000000'}`]
    : [`Type  : ${partition.type}`, `Hidden: ${yesNo(partition.hidden)}`, `Active: ${yesNo(partition.active)}`];
  const volume = partition.volume ? listVolumeText([partition.volume], partition.volume.index) : 'There is no volume associated with this partition.';
  return [`Partition ${partition.number}`, ...head, `Offset in Bytes: ${partition.offsetBytes}`, '', volume].join(CRLF);
}

/** A whole diskpart run: the banner, then each command's output after its prompt, then diskpart leaving. */
export function diskpartSession(outputs: readonly string[]): string {
  const banner = ['', 'Microsoft DiskPart version 10.0.22621.1', '', 'Copyright (C) Microsoft Corporation.', 'On computer: MININT-7DXK9H3', ''].join(CRLF);
  return `${banner}${outputs.map((o) => `${CRLF}DISKPART> ${CRLF}${o}${CRLF}`).join('')}${CRLF}DISKPART> ${CRLF}Leaving DiskPart...${CRLF}`;
}

const stdin = (commands: readonly string[]) => `${[...commands, 'exit'].join(CRLF)}${CRLF}`;

/**
 * The diskpart calls `readWindowsDisks` makes on a PC with `disks` (and `others`: volumes on no disk, such as an
 * optical drive), with their standard input and recorded output.
 */
export function readDisksCalls(disks: readonly RecordedDisk[], others: readonly RecordedVolume[] = []): ReplayedCall[] {
  const volumes = [...others, ...disks.flatMap(volumesOf)].sort((a, b) => a.index - b.index);
  const calls: ReplayedCall[] = [{ argv: ['diskpart.exe'], input: stdin(['list disk', 'list volume']), stdout: diskpartSession([listDiskText(disks), listVolumeText(volumes)]) }];
  for (const disk of disks) {
    const selected = `Disk ${disk.index} is now the selected disk.`;
    calls.push({ argv: ['diskpart.exe'], input: stdin([`select disk ${disk.index}`, 'detail disk', 'list partition']), stdout: diskpartSession([selected, detailDiskText(disk), listPartitionText(disk)]) });
    if (!disk.partitions.length) continue;
    calls.push({
      argv: ['diskpart.exe'],
      input: stdin([`select disk ${disk.index}`, ...disk.partitions.flatMap((p) => [`select partition ${p.number}`, 'detail partition'])]),
      stdout: diskpartSession([selected, ...disk.partitions.flatMap((p) => [`Partition ${p.number} is now the selected partition.`, detailPartitionText(p, disk.gpt)])]),
    });
  }
  return calls;
}
