/**
 * GUID Partition Table bytes: primary header at LBA 1 with its entry array at LBA 2, backup entry array just before
 * the last LBA and backup header at the last LBA. 128 entries of 128 bytes; CRC32 over the header (CRC field zeroed)
 * and over the entry array. Works in sectors of the disk's own size (512 or 4096).
 */
import { crc32 } from 'node:zlib';
import { GPT_ENTRY_COUNT, GPT_ENTRY_SIZE, GPT_NAME_LENGTH, gptArraySectors, gptUsableLbas } from '../../../engine/index.ts';
import { parseGuidBytes, renderGuidBytes } from './guid.ts';

/** One used GPT entry, in sectors (first/last inclusive). */
export interface GptEntry {
  /** 0-based slot in the entry array (Windows partition number − 1). */
  index: number;
  typeGuid: string;
  uniqueGuid: string;
  firstLba: number;
  lastLba: number;
  attributes: bigint;
  name: string;
}

/** Where the GPT structures sit on a disk of `totalSectors` sectors. */
export interface GptLayout {
  arraySectors: number;
  firstUsableLba: number;
  lastUsableLba: number;
  lastLba: number;
  backupArrayLba: number;
}

const HEADER_SIZE = 92;
const SIGNATURE = 'EFI PART';
const REVISION_1_0 = 0x00010000;

/** The GPT layout of a disk. */
export function planGptLayout(sectorSize: number, totalSectors: number): GptLayout {
  const arraySectors = gptArraySectors(sectorSize);
  const usable = gptUsableLbas(sectorSize, totalSectors);
  const lastLba = totalSectors - 1;
  return {
    arraySectors,
    firstUsableLba: usable.first,
    lastUsableLba: usable.last,
    lastLba,
    backupArrayLba: lastLba - arraySectors,
  };
}

function renderEntryArray(entries: readonly GptEntry[]): Uint8Array {
  const bytes = new Uint8Array(GPT_ENTRY_COUNT * GPT_ENTRY_SIZE);
  const view = new DataView(bytes.buffer);
  for (const e of entries) {
    const at = e.index * GPT_ENTRY_SIZE;
    bytes.set(renderGuidBytes(e.typeGuid), at);
    bytes.set(renderGuidBytes(e.uniqueGuid), at + 16);
    view.setBigUint64(at + 32, BigInt(e.firstLba), true);
    view.setBigUint64(at + 40, BigInt(e.lastLba), true);
    view.setBigUint64(at + 48, e.attributes, true);
    bytes.set(Buffer.from(e.name.slice(0, GPT_NAME_LENGTH), 'utf16le'), at + 56);
  }
  return bytes;
}

function renderHeader(
  sectorSize: number, layout: GptLayout, diskGuid: string, arrayCrc: number, backup: boolean,
): Uint8Array {
  const bytes = new Uint8Array(sectorSize);
  const view = new DataView(bytes.buffer);
  bytes.set(Buffer.from(SIGNATURE, 'latin1'), 0);
  view.setUint32(8, REVISION_1_0, true);
  view.setUint32(12, HEADER_SIZE, true);
  view.setBigUint64(24, BigInt(backup ? layout.lastLba : 1), true);
  view.setBigUint64(32, BigInt(backup ? 1 : layout.lastLba), true);
  view.setBigUint64(40, BigInt(layout.firstUsableLba), true);
  view.setBigUint64(48, BigInt(layout.lastUsableLba), true);
  bytes.set(renderGuidBytes(diskGuid), 56);
  view.setBigUint64(72, BigInt(backup ? layout.backupArrayLba : 2), true);
  view.setUint32(80, GPT_ENTRY_COUNT, true);
  view.setUint32(84, GPT_ENTRY_SIZE, true);
  view.setUint32(88, arrayCrc, true);
  view.setUint32(16, crc32(bytes.subarray(0, HEADER_SIZE)), true);
  return bytes;
}

/** Primary header, primary array, backup array and backup header, each at its LBA. */
export function renderGpt(
  sectorSize: number, totalSectors: number, diskGuid: string, entries: readonly GptEntry[],
): Array<{ lba: number; bytes: Uint8Array }> {
  const layout = planGptLayout(sectorSize, totalSectors);
  const array = renderEntryArray(entries);
  const arrayCrc = crc32(array);
  return [
    { lba: 1, bytes: renderHeader(sectorSize, layout, diskGuid, arrayCrc, false) },
    { lba: 2, bytes: array },
    { lba: layout.backupArrayLba, bytes: array },
    { lba: layout.lastLba, bytes: renderHeader(sectorSize, layout, diskGuid, arrayCrc, true) },
  ];
}

/** What a valid GPT holds. */
export interface ParsedGpt {
  diskGuid: string;
  entries: GptEntry[];
}

type ReadBytes = (offset: number, length: number) => Uint8Array;

function parseHeaderAt(read: ReadBytes, sectorSize: number, lba: number): ParsedGpt | undefined {
  const header = Buffer.from(read(lba * sectorSize, sectorSize));
  if (header.toString('latin1', 0, 8) !== SIGNATURE) return undefined;
  const size = header.readUInt32LE(12);
  if (size < HEADER_SIZE || size > sectorSize) return undefined;
  const stored = header.readUInt32LE(16);
  header.writeUInt32LE(0, 16);
  if (crc32(header.subarray(0, size)) !== stored) return undefined;
  const arrayLba = Number(header.readBigUInt64LE(72));
  const count = header.readUInt32LE(80);
  const entrySize = header.readUInt32LE(84);
  if (entrySize < GPT_ENTRY_SIZE || count > 4096) return undefined;
  const array = Buffer.from(read(arrayLba * sectorSize, count * entrySize));
  if (crc32(array) !== header.readUInt32LE(88)) return undefined;
  return { diskGuid: parseGuidBytes(header.subarray(56, 72)), entries: parseEntries(array, count, entrySize) };
}

function parseEntries(array: Buffer, count: number, entrySize: number): GptEntry[] {
  const entries: GptEntry[] = [];
  for (let index = 0; index < count; index++) {
    const at = index * entrySize;
    if (array.subarray(at, at + 16).every((b) => b === 0)) continue;
    const name = array.toString('utf16le', at + 56, at + 56 + GPT_NAME_LENGTH * 2).replace(/\0.*$/s, '');
    entries.push({
      index,
      typeGuid: parseGuidBytes(array.subarray(at, at + 16)),
      uniqueGuid: parseGuidBytes(array.subarray(at + 16, at + 32)),
      firstLba: Number(array.readBigUInt64LE(at + 32)),
      lastLba: Number(array.readBigUInt64LE(at + 40)),
      attributes: array.readBigUInt64LE(at + 48),
      name,
    });
  }
  return entries;
}

/**
 * The GPT of a disk: the primary header and array when their CRCs hold, else the backup at the last LBA.
 * @returns undefined when neither copy is valid
 */
export function parseGpt(read: ReadBytes, sectorSize: number, totalSectors: number): ParsedGpt | undefined {
  return parseHeaderAt(read, sectorSize, 1) ?? parseHeaderAt(read, sectorSize, totalSectors - 1);
}
