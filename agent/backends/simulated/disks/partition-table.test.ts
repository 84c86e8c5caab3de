import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gptAttributesOf, gptTypeOf, mbrTypeOf } from '../../../../engine/index.ts';
import {
  clearPartitionTable, createDiskImage, readPartitionTable, renderTableBytes, writePartitionTable,
  type DiskGeometry, type TableEntry,
} from './partition-table.ts';
import { readWithFdisk, readWithSfdisk, verifyWithSfdisk, verifyWithSgdisk, withLoopDevice, type ToolTable } from './partition-tools.ts';

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;
const TiB = 1024 * GiB;

const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'taskseq-ptable-'));
test.after(() => fs.rmSync(tempDir, { recursive: true, force: true }));

function entry(number: number, role: TableEntry['role'], offsetBytes: number, sizeBytes: number, more: Partial<TableEntry> = {}): TableEntry {
  return { number, role, offsetBytes, sizeBytes, active: false, ...more };
}

/** The Windows UEFI layout: EFI, MSR, Windows, 1 GiB Recovery at the end (1 MiB free at each end). */
function uefiLayout(sizeBytes: number): TableEntry[] {
  const recovery = sizeBytes - MiB - GiB;
  return [
    entry(1, 'EFI', MiB, 100 * MiB, { fileSystem: 'FAT32', name: 'EFI system partition' }),
    entry(2, 'MSR', 101 * MiB, 16 * MiB, { name: 'Microsoft reserved partition' }),
    entry(3, 'Primary', 117 * MiB, recovery - 117 * MiB, { fileSystem: 'NTFS', name: 'Basic data partition' }),
    entry(4, 'Recovery', recovery, GiB, { fileSystem: 'NTFS' }),
  ];
}

/** The Windows BIOS layout: 500 MiB active System Reserved, then Windows. */
function biosLayout(sizeBytes: number): TableEntry[] {
  return [
    entry(1, 'Primary', MiB, 500 * MiB, { fileSystem: 'NTFS', active: true }),
    entry(2, 'Primary', 501 * MiB, sizeBytes - 502 * MiB, { fileSystem: 'NTFS' }),
  ];
}

/** A primary, an extended partition and two logicals (FAT32, NTFS), 1 MiB gaps for the EBRs. */
function extendedLayout(): TableEntry[] {
  return [
    entry(1, 'Primary', MiB, 500 * MiB, { fileSystem: 'NTFS', active: true }),
    entry(2, 'Extended', 501 * MiB, 10 * GiB),
    entry(5, 'Logical', 502 * MiB, 2 * GiB, { fileSystem: 'FAT32' }),
    entry(6, 'Logical', 503 * MiB + 2 * GiB, 3 * GiB, { fileSystem: 'NTFS' }),
  ];
}

let imageCount = 0;
function writeImage(disk: DiskGeometry, style: 'MBR' | 'GPT', entries: TableEntry[]): string {
  const image = path.join(tempDir, `disk-${++imageCount}.img`);
  createDiskImage(image, disk.sizeBytes);
  writePartitionTable(image, disk, style, entries);
  return image;
}

const ATTRS: Record<string, string | undefined> = { Recovery: 'RequiredPartition GUID:63', Hidden: 'GUID:62' };

/** What the tools must report for each planned entry. */
function assertToolsSee(table: ToolTable | undefined, disk: DiskGeometry, style: 'MBR' | 'GPT', entries: TableEntry[], checkNames = true): void {
  assert.ok(table, 'the tools found a partition table');
  assert.equal(table.label, style === 'MBR' ? 'dos' : 'gpt');
  const s = disk.sectorSize;
  const expected = [...entries].sort((a, b) => a.number - b.number).map((e) => ({
    number: e.number,
    start: e.offsetBytes / s,
    size: e.sizeBytes / s,
    type: style === 'MBR' ? mbrTypeOf(e.role, e.fileSystem).toString(16) : gptTypeOf(e.role),
    ...(style === 'MBR' ? { bootable: e.active } : { attrs: ATTRS[e.role] }),
    ...(checkNames && style === 'GPT' ? { name: e.name } : {}),
  }));
  const seen = [...table.partitions].sort((a, b) => a.number - b.number).map((p) => ({
    number: p.number,
    start: p.start,
    size: p.size,
    type: p.type,
    ...(style === 'MBR' ? { bootable: p.bootable ?? false } : { attrs: p.attrs }),
    ...(checkNames && style === 'GPT' ? { name: p.name } : {}),
  }));
  assert.deepEqual(seen, expected);
}

function assertRoundTrip(image: string, disk: DiskGeometry, style: 'MBR' | 'GPT', entries: TableEntry[]): void {
  const read = readPartitionTable(image, disk.sectorSize);
  assert.equal(read.style, style);
  const expected = [...entries].sort((a, b) => a.number - b.number).map((e) => ({
    number: e.number,
    offsetBytes: e.offsetBytes,
    sizeBytes: e.sizeBytes,
    active: style === 'MBR' ? e.active : false,
    ...(style === 'MBR'
      ? { mbrType: mbrTypeOf(e.role, e.fileSystem) }
      : { gptType: gptTypeOf(e.role), gptAttributes: gptAttributesOf(e.role), ...(e.name ? { name: e.name } : {}) }),
  }));
  assert.deepEqual(read.entries, expected);
}

const layouts: Array<{ title: string; disk: DiskGeometry; style: 'MBR' | 'GPT'; entries: TableEntry[] }> = [
  { title: 'UEFI layout on a 64 GiB disk', disk: { sizeBytes: 64 * GiB, sectorSize: 512, id: 'uefi64' }, style: 'GPT', entries: uefiLayout(64 * GiB) },
  { title: 'BIOS layout on a 64 GiB disk', disk: { sizeBytes: 64 * GiB, sectorSize: 512, id: 'bios64' }, style: 'MBR', entries: biosLayout(64 * GiB) },
  { title: 'MBR with an extended partition and 2 logicals', disk: { sizeBytes: 64 * GiB, sectorSize: 512, id: 'ext64' }, style: 'MBR', entries: extendedLayout() },
  { title: 'UEFI layout on a 2 TiB sparse disk', disk: { sizeBytes: 2 * TiB, sectorSize: 512, id: 'uefi2t' }, style: 'GPT', entries: uefiLayout(2 * TiB) },
  {
    title: 'hidden partition on GPT', disk: { sizeBytes: 8 * GiB, sectorSize: 512, id: 'hidden8' }, style: 'GPT',
    entries: [entry(1, 'Hidden', MiB, GiB, { fileSystem: 'NTFS', name: 'tools' }), entry(3, 'Primary', GiB + MiB, GiB)],
  },
  {
    title: 'MBR with hidden and recovery partitions', disk: { sizeBytes: 8 * GiB, sectorSize: 512, id: 'mbr-hidden' }, style: 'MBR',
    entries: [
      entry(1, 'Primary', MiB, GiB, { fileSystem: 'NTFS', active: true }),
      entry(2, 'Hidden', GiB + MiB, GiB, { fileSystem: 'FAT32' }),
      entry(4, 'Recovery', 2 * GiB + MiB, GiB, { fileSystem: 'NTFS' }),
    ],
  },
  {
    title: 'MBR on a 3 TiB disk using the first 2 TiB', disk: { sizeBytes: 3 * TiB, sectorSize: 512, id: 'mbr3t' }, style: 'MBR',
    entries: [entry(1, 'Primary', MiB, 2 * TiB - MiB, { fileSystem: 'NTFS', active: true })],
  },
];

for (const { title, disk, style, entries } of layouts) {
  test(`${title}: sfdisk reads what was planned, readPartitionTable round-trips`, () => {
    const image = writeImage(disk, style, entries);
    assertToolsSee(readWithSfdisk(image), disk, style, entries);
    assert.match(verifyWithSfdisk(image), /No errors detected/);
    if (style === 'GPT') assert.match(verifyWithSgdisk(image), /No problems found/);
    assertRoundTrip(image, disk, style, entries);
  });
}

for (const style of ['GPT', 'MBR'] as const) {
  test(`4096-byte sectors (${style}): fdisk -b 4096 reads what was planned, readPartitionTable round-trips`, () => {
    const disk: DiskGeometry = { sizeBytes: 64 * GiB, sectorSize: 4096, id: `4k-${style}` };
    const entries = style === 'GPT' ? uefiLayout(disk.sizeBytes) : extendedLayout();
    const image = writeImage(disk, style, entries);
    assertToolsSee(readWithFdisk(image, 4096, style === 'GPT' ? 'gpt' : 'dos'), disk, style, entries, false);
    assertRoundTrip(image, disk, style, entries);
  });
}

test('4096-byte sectors through a loop device: sfdisk and sgdisk (skipped without root or loop devices)', (t) => {
  const disk: DiskGeometry = { sizeBytes: 16 * GiB, sectorSize: 4096, id: '4k-loop' };
  const entries = uefiLayout(disk.sizeBytes);
  const image = writeImage(disk, 'GPT', entries);
  const ran = withLoopDevice(image, 4096, (device) => {
    assertToolsSee(readWithSfdisk(device), disk, 'GPT', entries);
    assert.match(verifyWithSgdisk(device), /No problems found/);
    return true;
  });
  if (!ran) t.skip('no loop device available');
});

test('clearPartitionTable leaves no table for sfdisk and a RAW disk for readPartitionTable', () => {
  for (const style of ['GPT', 'MBR'] as const) {
    const disk: DiskGeometry = { sizeBytes: 4 * GiB, sectorSize: 512, id: `clear-${style}` };
    const image = writeImage(disk, style, style === 'GPT' ? uefiLayout(disk.sizeBytes) : biosLayout(disk.sizeBytes));
    clearPartitionTable(image, disk);
    assert.equal(readWithSfdisk(image), undefined);
    assert.deepEqual(readPartitionTable(image, 512), { style: 'RAW', entries: [] });
  }
});

test('rewriting a GPT disk as MBR leaves no stale backup GPT behind', () => {
  const disk: DiskGeometry = { sizeBytes: 4 * GiB, sectorSize: 512, id: 'restyle' };
  const image = writeImage(disk, 'GPT', uefiLayout(disk.sizeBytes));
  writePartitionTable(image, disk, 'MBR', biosLayout(disk.sizeBytes));
  const tail = Buffer.alloc(512);
  const fd = fs.openSync(image, 'r');
  fs.readSync(fd, tail, 0, 512, disk.sizeBytes - 512);
  fs.closeSync(fd);
  assert.ok(tail.every((b) => b === 0));
  assertToolsSee(readWithSfdisk(image), disk, 'MBR', biosLayout(disk.sizeBytes));
});

test('the same inputs give the same bytes; the disk id seeds the signature and GUIDs', () => {
  const disk: DiskGeometry = { sizeBytes: 64 * GiB, sectorSize: 512, id: 'same' };
  assert.deepEqual(renderTableBytes(disk, 'GPT', uefiLayout(disk.sizeBytes)), renderTableBytes({ ...disk }, 'GPT', uefiLayout(disk.sizeBytes)));
  const a = readPartitionTable(writeImage(disk, 'MBR', biosLayout(disk.sizeBytes)), 512);
  const b = readPartitionTable(writeImage({ ...disk, id: 'other' }, 'MBR', biosLayout(disk.sizeBytes)), 512);
  assert.ok(a.signature !== undefined && a.signature !== 0);
  assert.notEqual(a.signature, b.signature);
  const g1 = readPartitionTable(writeImage(disk, 'GPT', uefiLayout(disk.sizeBytes)), 512);
  const g2 = readPartitionTable(writeImage({ ...disk, id: 'other' }, 'GPT', uefiLayout(disk.sizeBytes)), 512);
  assert.match(g1.diskGuid ?? '', /^[0-9A-F]{8}-[0-9A-F]{4}-4[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}$/);
  assert.notEqual(g1.diskGuid, g2.diskGuid);
});

test('a damaged primary GPT is read from the backup; a protective MBR with no GPT is refused', () => {
  const disk: DiskGeometry = { sizeBytes: 4 * GiB, sectorSize: 512, id: 'damaged' };
  const entries = uefiLayout(disk.sizeBytes);
  const image = writeImage(disk, 'GPT', entries);
  const fd = fs.openSync(image, 'r+');
  fs.writeSync(fd, Buffer.alloc(512, 0xaa), 0, 512, 512);
  fs.closeSync(fd);
  assertRoundTrip(image, disk, 'GPT', entries);
  const fd2 = fs.openSync(image, 'r+');
  fs.writeSync(fd2, Buffer.alloc(512, 0xaa), 0, 512, disk.sizeBytes - 512);
  fs.closeSync(fd2);
  assert.throws(() => readPartitionTable(image, 512), /disk image '.*disk-\d+\.img': protective MBR but no valid GPT/);
});
