/** Disk measurements: planning a layout and writing its partition table into a 2 TB sparse image. */
import { mkdtempSync, openSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DiskFacts } from '../engine/index.ts';
import { parsePartitionDiskOptions, planLayout } from '../steps/partition-disk/index.ts';
import { createDiskImage, writePartitionTable } from '../agent/backends/simulated/disks/partition-table.ts';
import { timeMedian } from './measure.ts';

const TB2 = 2 * 1000 ** 4;

/** The usual UEFI layout (EFI, MSR, 99 % Windows, the rest Recovery), as a step's options. */
const UEFI_OPTIONS: Record<string, string> = {
  DiskIndex: '0', PartitionStyle: 'GPT', Partitions: '4',
  Partitions0Type: 'EFI', Partitions0Size: '499', Partitions0SizeUnits: 'MB', Partitions0FileSystem: 'FAT32',
  Partitions1Type: 'MSR', Partitions1Size: '128', Partitions1SizeUnits: 'MB',
  Partitions2Type: 'Primary', Partitions2Size: '99', Partitions2SizeUnits: '%', Partitions2FileSystem: 'NTFS', Partitions2VolumeLetterVariable: 'OSDisk',
  Partitions3Type: 'Recovery', Partitions3Size: '100', Partitions3SizeUnits: '%', Partitions3FileSystem: 'NTFS',
};

/** Median ms to parse the options, plan the layout and write the GPT (both copies) into a 2 TB sparse image. */
export async function planAndWrite2TB(): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'taskseq-bench-disk-'));
  const image = join(dir, 'disk0.img');
  createDiskImage(image, TB2);
  const disk: DiskFacts = { index: 0, sizeBytes: TB2, sectorSize: 512, bus: 'NVMe', removable: false, model: 'bench', serialNumber: 'B1', style: 'RAW', partitions: [] };
  return timeMedian(() => {
    const parsed = parsePartitionDiskOptions((p) => UEFI_OPTIONS[p], Object.keys(UEFI_OPTIONS));
    const plan = planLayout(parsed.options, disk);
    if ('error' in plan) throw new Error(plan.error);
    writePartitionTable(image, { sizeBytes: TB2, sectorSize: 512, id: 'bench' }, 'GPT', plan.layout.partitions.map((p) => ({ ...p })));
  }, 30);
}

/** Baseline: writing 2 MiB (the table areas the writer clears) into a file. */
export async function write2MiB(): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'taskseq-bench-disk-'));
  const buf = Buffer.alloc(2 * 1024 * 1024);
  const file = join(dir, 'plain.bin');
  return timeMedian(() => {
    const fd = openSync(file, 'w');
    writeSync(fd, buf);
    closeSync(fd);
  }, 30);
}
