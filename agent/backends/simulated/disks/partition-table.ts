/**
 * Real MBR and GPT bytes in a simulated disk's sparse image, so that standard tools (sfdisk, sgdisk) read the
 * simulated machine's disks. Deterministic: the MBR disk signature and the GPT GUIDs derive from the disk's `id`.
 * Layout details and what is refused: docs/disks.md, "Partition tables".
 */
import {
  EBR_GAP_BYTES, gptAttributesOf, gptTypeOf, MBR_MAX_SECTORS, mbrTypeOf, MIB, TaskseqError, type SectorSize,
} from '../../../../engine/index.ts';
import { createDiskImage, withImageReader, writeImageChunks, type ImageReader } from './disk-image.ts';
import { parseEbrChain, renderEbrChain } from '../../../formats/partition-table/ebr.ts';
import { parseGpt, renderGpt, type GptEntry } from '../../../formats/partition-table/gpt.ts';
import { deriveGuid, deriveU32 } from '../../../formats/partition-table/guid.ts';
import {
  EXTENDED_TYPES, hasBootSignature, parseDiskSignature, parseMbrSlots, PROTECTIVE_TYPE, renderMbrSector, type MbrSlot,
} from '../../../formats/partition-table/mbr.ts';
import { checkPartitionTable } from '../../../formats/partition-table/partition-table-rules.ts';
import type { DiskGeometry, ReadEntry, ReadTable, TableEntry } from '../../../formats/partition-table/partition-table-types.ts';

export type { DiskGeometry, ReadEntry, ReadTable, TableEntry } from '../../../formats/partition-table/partition-table-types.ts';
export { createDiskImage };

type Chunk = { offsetBytes: number; bytes: Uint8Array };

/** Bytes wiped at each end of the disk: every table structure (MBR, GPT primary and backup) lies inside them. */
const TABLE_AREA_BYTES = MIB;
/** The protective MBR entry's sector count is 32-bit: it is capped there on larger disks. */
const MAX_U32 = MBR_MAX_SECTORS - 1;

function toSlot(e: TableEntry, sectorSize: number): MbrSlot {
  return {
    active: e.active,
    type: mbrTypeOf(e.role, e.fileSystem),
    startLba: e.offsetBytes / sectorSize,
    sectorCount: e.sizeBytes / sectorSize,
  };
}

function renderMbrTable(disk: DiskGeometry, entries: readonly TableEntry[]): Chunk[] {
  const s = disk.sectorSize;
  const slots: Array<MbrSlot | undefined> = [undefined, undefined, undefined, undefined];
  entries.filter((e) => e.role !== 'Logical').forEach((e) => { slots[e.number - 1] = toSlot(e, s); });
  const chunks: Chunk[] = [{ offsetBytes: 0, bytes: renderMbrSector(s, slots, deriveU32(`mbr-signature:${disk.id}`)) }];
  const extended = entries.find((e) => e.role === 'Extended');
  if (extended) {
    const logicals = entries.filter((e) => e.role === 'Logical')
      .sort((a, b) => a.offsetBytes - b.offsetBytes).map((e) => toSlot(e, s));
    for (const ebr of renderEbrChain(s, extended.offsetBytes / s, logicals, EBR_GAP_BYTES / s)) {
      chunks.push({ offsetBytes: ebr.lba * s, bytes: ebr.bytes });
    }
  }
  return chunks;
}

function renderGptTable(disk: DiskGeometry, entries: readonly TableEntry[]): Chunk[] {
  const s = disk.sectorSize;
  const totalSectors = Math.floor(disk.sizeBytes / s);
  const protective: MbrSlot = { active: false, type: PROTECTIVE_TYPE, startLba: 1, sectorCount: Math.min(totalSectors - 1, MAX_U32) };
  const gptEntries: GptEntry[] = entries.map((e) => ({
    index: e.number - 1,
    typeGuid: gptTypeOf(e.role),
    uniqueGuid: deriveGuid(`gpt-partition:${disk.id}:${e.number}`),
    firstLba: e.offsetBytes / s,
    lastLba: (e.offsetBytes + e.sizeBytes) / s - 1,
    attributes: gptAttributesOf(e.role),
    name: e.name ?? '',
  }));
  const gpt = renderGpt(s, totalSectors, deriveGuid(`gpt-disk:${disk.id}`), gptEntries);
  return [
    { offsetBytes: 0, bytes: renderMbrSector(s, [protective]) },
    ...gpt.map((c) => ({ offsetBytes: c.lba * s, bytes: c.bytes })),
  ];
}

/**
 * The sectors {@link writePartitionTable} writes after wiping the table areas: MBR (+ EBR chain), or protective MBR +
 * GPT primary and backup. Pure and deterministic.
 * @throws TaskseqError('unsupported') naming the disk id and partition number for a table real disks refuse
 */
export function renderTableBytes(disk: DiskGeometry, style: 'MBR' | 'GPT', entries: TableEntry[]): Chunk[] {
  checkPartitionTable(disk, style, entries);
  return style === 'MBR' ? renderMbrTable(disk, entries) : renderGptTable(disk, entries);
}

/**
 * Wipes the disk's table areas (first and last MiB) and writes the table. Checks everything first: a refused table
 * leaves the image untouched.
 * @throws TaskseqError('unsupported') naming the disk id and partition number for a table real disks refuse
 * @throws Error from node:fs when the image cannot be written
 */
export function writePartitionTable(imageFile: string, disk: DiskGeometry, style: 'MBR' | 'GPT', entries: TableEntry[]): void {
  const chunks = renderTableBytes(disk, style, entries);
  writeImageChunks(imageFile, [...renderWipe(disk.sizeBytes), ...chunks]);
}

function renderWipe(sizeBytes: number): Chunk[] {
  const head = Math.min(TABLE_AREA_BYTES, sizeBytes);
  const tailStart = Math.max(head, sizeBytes - TABLE_AREA_BYTES);
  const zeros = new Uint8Array(TABLE_AREA_BYTES);
  return [
    { offsetBytes: 0, bytes: zeros.subarray(0, head) },
    { offsetBytes: tailStart, bytes: zeros.subarray(0, sizeBytes - tailStart) },
  ];
}

/**
 * Makes the disk RAW (no partition table) by zeroing its first and last MiB, as a disk wipe does.
 * @throws Error from node:fs when the image cannot be written
 */
export function clearPartitionTable(imageFile: string, disk: DiskGeometry): void {
  writeImageChunks(imageFile, renderWipe(disk.sizeBytes));
}

function readMbrEntries(reader: ImageReader, sectorSize: number, slots: Array<MbrSlot | undefined>): ReadEntry[] {
  const toEntry = (number: number, slot: MbrSlot): ReadEntry => ({
    number,
    offsetBytes: slot.startLba * sectorSize,
    sizeBytes: slot.sectorCount * sectorSize,
    active: slot.active,
    mbrType: slot.type,
  });
  const entries: ReadEntry[] = [];
  slots.forEach((slot, i) => { if (slot) entries.push(toEntry(i + 1, slot)); });
  const extended = slots.find((slot) => slot && EXTENDED_TYPES.has(slot.type));
  if (extended) {
    const logicals = parseEbrChain((lba) => reader.read(lba * sectorSize, sectorSize), extended.startLba);
    logicals.forEach((slot, i) => entries.push(toEntry(5 + i, slot)));
  }
  return entries;
}

function readGptTable(imageFile: string, reader: ImageReader, sectorSize: number): ReadTable {
  const gpt = parseGpt(reader.read, sectorSize, Math.floor(reader.sizeBytes / sectorSize));
  if (!gpt) {
    throw new TaskseqError('unsupported', `disk image '${imageFile}': protective MBR but no valid GPT (${sectorSize}-byte sectors)`);
  }
  const entries = gpt.entries.map((e): ReadEntry => ({
    number: e.index + 1,
    offsetBytes: e.firstLba * sectorSize,
    sizeBytes: (e.lastLba - e.firstLba + 1) * sectorSize,
    active: false,
    gptType: e.typeGuid,
    gptAttributes: e.attributes,
    ...(e.name ? { name: e.name } : {}),
  }));
  return { style: 'GPT', diskGuid: gpt.diskGuid, entries };
}

/**
 * Reads the partition table of an image: RAW without 0x55AA in sector 0, GPT behind a protective MBR (primary copy,
 * else backup), MBR otherwise (logical partitions numbered 5+ along the EBR chain).
 * @throws TaskseqError('unsupported') naming the file when a protective MBR has no valid GPT behind it
 * @throws Error from node:fs when the image cannot be read
 */
export function readPartitionTable(imageFile: string, sectorSize: SectorSize): ReadTable {
  return withImageReader(imageFile, (reader) => {
    const mbr = reader.read(0, sectorSize);
    if (!hasBootSignature(mbr)) return { style: 'RAW', entries: [] };
    const slots = parseMbrSlots(mbr);
    if (slots.some((slot) => slot?.type === PROTECTIVE_TYPE)) return readGptTable(imageFile, reader, sectorSize);
    const entries = readMbrEntries(reader, sectorSize, slots).sort((a, b) => a.number - b.number);
    return { style: 'MBR', signature: parseDiskSignature(mbr), entries };
  });
}
