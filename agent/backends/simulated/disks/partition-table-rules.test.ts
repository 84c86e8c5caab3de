import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TaskseqError } from '../../../../engine/index.ts';
import { createDiskImage, renderTableBytes, writePartitionTable, type DiskGeometry, type TableEntry } from './partition-table.ts';

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;
const TiB = 1024 * GiB;
const disk: DiskGeometry = { sizeBytes: 64 * GiB, sectorSize: 512, id: 'disk0' };

function entry(number: number, role: TableEntry['role'], offsetBytes: number, sizeBytes: number): TableEntry {
  return { number, role, offsetBytes, sizeBytes, active: false, fileSystem: 'NTFS' };
}

function assertRefused(geometry: DiskGeometry, style: 'MBR' | 'GPT', entries: TableEntry[], partition: number, reason: RegExp): void {
  assert.throws(() => renderTableBytes(geometry, style, entries), (error: unknown) => {
    assert.ok(error instanceof TaskseqError);
    assert.equal(error.code, 'unsupported');
    assert.match(error.message, new RegExp(`^disk '${geometry.id}': partition ${partition}: `));
    assert.match(error.message, reason);
    return true;
  });
}

const refusals: Array<{ title: string; style: 'MBR' | 'GPT'; entries: TableEntry[]; partition: number; reason: RegExp; geometry?: DiskGeometry }> = [
  { title: 'overlapping GPT partitions', style: 'GPT', entries: [entry(1, 'EFI', MiB, 100 * MiB), entry(2, 'MSR', 100 * MiB, 16 * MiB)], partition: 2, reason: /overlaps partition 1/ },
  { title: 'overlapping MBR partitions', style: 'MBR', entries: [entry(1, 'Primary', MiB, 2 * GiB), entry(2, 'Primary', GiB, GiB)], partition: 2, reason: /overlaps partition 1/ },
  { title: 'an MBR partition beyond the disk', style: 'MBR', entries: [entry(1, 'Primary', MiB, 64 * GiB)], partition: 1, reason: /beyond the disk/ },
  { title: 'a GPT partition beyond the last usable LBA', style: 'GPT', entries: [entry(1, 'Primary', MiB, 64 * GiB - 2 * MiB), entry(2, 'Primary', 64 * GiB - MiB, MiB)], partition: 2, reason: /last usable LBA 134217694/ },
  { title: 'a GPT partition over the primary entry array', style: 'GPT', entries: [entry(1, 'Primary', 4096, MiB)], partition: 1, reason: /first usable LBA 34/ },
  { title: 'an MBR partition over the MBR', style: 'MBR', entries: [entry(1, 'Primary', 0, MiB)], partition: 1, reason: /sector 0/ },
  { title: 'an unaligned offset', style: 'GPT', entries: [entry(1, 'Primary', MiB + 100, MiB)], partition: 1, reason: /not aligned to the 512-byte sector/ },
  { title: 'an unaligned size', style: 'MBR', entries: [entry(1, 'Primary', MiB, MiB + 1)], partition: 1, reason: /multiple of the 512-byte sector/ },
  {
    title: 'an offset aligned to 512 but not to 4096 bytes', style: 'GPT', entries: [entry(1, 'Primary', MiB + 512, MiB)], partition: 1,
    reason: /not aligned to the 4096-byte sector/, geometry: { ...disk, sectorSize: 4096 },
  },
  {
    title: 'five primary partitions on MBR', style: 'MBR', partition: 5, reason: /at most 4 primary or extended/,
    entries: [1, 2, 3, 4, 5].map((n) => entry(n, 'Primary', n * GiB, GiB)),
  },
  {
    title: 'a primary numbered above 4 on MBR', style: 'MBR', partition: 5, reason: /numbered 1 to 4/,
    entries: [entry(1, 'Primary', MiB, GiB), entry(5, 'Primary', 2 * GiB, GiB)],
  },
  {
    title: 'a second extended partition', style: 'MBR', partition: 3, reason: /second extended partition \(partition 2/,
    entries: [entry(1, 'Primary', MiB, GiB), entry(2, 'Extended', 2 * GiB, GiB), entry(3, 'Extended', 4 * GiB, GiB)],
  },
  {
    title: 'a logical partition without an extended one', style: 'MBR', partition: 5, reason: /needs an extended partition/,
    entries: [entry(1, 'Primary', MiB, GiB), entry(5, 'Logical', 2 * GiB, GiB)],
  },
  {
    title: 'a logical partition outside the extended one', style: 'MBR', partition: 6, reason: /outside extended partition 2/,
    entries: [entry(2, 'Extended', GiB, 4 * GiB), entry(5, 'Logical', GiB + MiB, GiB), entry(6, 'Logical', 4 * GiB, 2 * GiB)],
  },
  {
    title: 'a logical partition with no room for its EBR', style: 'MBR', partition: 6, reason: /gap before it for its EBR/,
    entries: [entry(2, 'Extended', GiB, 4 * GiB), entry(5, 'Logical', GiB + MiB, GiB), entry(6, 'Logical', 2 * GiB + MiB, GiB)],
  },
  {
    title: 'logical partitions numbered out of disk order', style: 'MBR', partition: 6, reason: /numbered from 5 in disk order \(expected 5\)/,
    entries: [entry(2, 'Extended', GiB, 4 * GiB), entry(6, 'Logical', GiB + MiB, GiB), entry(5, 'Logical', 3 * GiB, GiB)],
  },
  {
    title: 'an MBR partition beyond 2 TiB on a 3 TiB disk', style: 'MBR', partition: 2, reason: /beyond sector 2\^32.*use GPT/,
    entries: [entry(1, 'Primary', MiB, TiB), entry(2, 'Primary', TiB + MiB, TiB)], geometry: { sizeBytes: 3 * TiB, sectorSize: 512, id: 'big' },
  },
  { title: 'partition 129 on GPT', style: 'GPT', entries: [entry(129, 'Primary', MiB, GiB)], partition: 129, reason: /at most 128 partitions/ },
  { title: 'an EFI partition on MBR', style: 'MBR', entries: [entry(1, 'EFI', MiB, 100 * MiB)], partition: 1, reason: /MBR disk cannot hold an EFI partition/ },
  { title: 'an MSR partition on MBR', style: 'MBR', entries: [entry(2, 'MSR', MiB, 16 * MiB)], partition: 2, reason: /MBR disk cannot hold an MSR partition/ },
  { title: 'an extended partition on GPT', style: 'GPT', entries: [entry(1, 'Extended', MiB, GiB)], partition: 1, reason: /GPT disk has no extended partitions/ },
  { title: 'a partition number used twice', style: 'GPT', entries: [entry(1, 'EFI', MiB, MiB), entry(1, 'MSR', 2 * MiB, MiB)], partition: 1, reason: /used twice/ },
  {
    title: 'a GPT name longer than 36 characters', style: 'GPT', partition: 1, reason: /longer than 36 characters/,
    entries: [{ ...entry(1, 'Primary', MiB, GiB), name: 'x'.repeat(37) }],
  },
  { title: 'an empty partition', style: 'GPT', entries: [entry(1, 'Primary', MiB, 0)], partition: 1, reason: /positive multiple/ },
];

for (const r of refusals) {
  test(`refuses ${r.title}`, () => assertRefused(r.geometry ?? disk, r.style, r.entries, r.partition, r.reason));
}

test('accepts an MBR partition ending exactly at 2 TiB and 4096-byte sectors beyond it', () => {
  const big: DiskGeometry = { sizeBytes: 3 * TiB, sectorSize: 512, id: 'big' };
  assert.doesNotThrow(() => renderTableBytes(big, 'MBR', [entry(1, 'Primary', MiB, 2 * TiB - MiB)]));
  assert.doesNotThrow(() => renderTableBytes({ ...big, sectorSize: 4096 }, 'MBR', [entry(1, 'Primary', MiB, 3 * TiB - 2 * MiB)]));
});

test('a refused table leaves the image untouched', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'taskseq-prules-'));
  try {
    const image = path.join(dir, 'sub', 'disk.img');
    createDiskImage(image, 64 * MiB);
    const small: DiskGeometry = { sizeBytes: 64 * MiB, sectorSize: 512, id: 'small' };
    writePartitionTable(image, small, 'MBR', [entry(1, 'Primary', MiB, 32 * MiB)]);
    const before = fs.readFileSync(image);
    assert.throws(() => writePartitionTable(image, small, 'MBR', [entry(1, 'EFI', MiB, 32 * MiB)]), TaskseqError);
    assert.deepEqual(fs.readFileSync(image), before);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
