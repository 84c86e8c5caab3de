/**
 * The cells of a registry hive (regf) as bytes: key nodes (`nk`), values (`vk`), the hashed subkey list (`lh`), the
 * value list, raw data and the security cell (`sk`). Each cell is sized up front and written once every cell has its
 * offset, so parents can point at children laid out after them.
 */

/** Offsets inside a hive are relative to the start of the first bin (file offset 4096). */
export type OffsetOf = (cell: HiveCell) => number;

/** One cell before layout: its payload size (without the 4-byte size field) and how to write the payload. */
export interface HiveCell {
  payloadBytes: number;
  write(payload: Buffer, offsetOf: OffsetOf): void;
}

/** No cell: the value hives use for an absent list or class name. */
export const NO_CELL = 0xffffffff;

const KEY_HIVE_ENTRY = 0x0004;
const KEY_NO_DELETE = 0x0008;
const KEY_COMP_NAME = 0x0020;
const VALUE_COMP_NAME = 0x0001;
const DATA_IN_OFFSET = 0x80000000;
const NK_HEADER = 76;
const VK_HEADER = 20;

/** Names of Latin-1 characters are stored one byte each (the "compressed" form); others as UTF-16LE. */
export function encodeName(name: string): { bytes: Buffer; compressed: boolean } {
  const compressed = [...name].every((c) => c.charCodeAt(0) < 0x100 && c.length === 1);
  return { bytes: Buffer.from(name, compressed ? 'latin1' : 'utf16le'), compressed };
}

/** Hash of a name in an `lh` list: each upper-cased character, base 37. */
export function lhHash(name: string): number {
  let hash = 0;
  for (const c of name.toUpperCase()) hash = (Math.imul(hash, 37) + c.charCodeAt(0)) >>> 0;
  return hash;
}

/** Raw bytes in a cell of their own (value data longer than 4 bytes). */
export function dataCell(data: Uint8Array): HiveCell {
  return { payloadBytes: data.length, write: (p) => p.set(data, 0) };
}

/** The list of a key's values: their `vk` offsets. */
export function valueListCell(values: readonly HiveCell[]): HiveCell {
  return {
    payloadBytes: 4 * values.length,
    write: (p, offsetOf) => values.forEach((v, i) => p.writeUInt32LE(offsetOf(v), 4 * i)),
  };
}

/**
 * A subkey list sorted the way the registry looks names up: upper-cased, character by character. The subkeys are
 * read when the list is written, as they are built after it.
 */
export function subkeyListCell(count: number, keys: () => ReadonlyArray<{ name: string; cell: HiveCell }>): HiveCell {
  return {
    payloadBytes: 4 + 8 * count,
    write(p, offsetOf) {
      const sorted = [...keys()].sort((a, b) => compareNames(a.name, b.name));
      if (sorted.length !== count) throw new Error(`a subkey list of ${count} keys was given ${sorted.length}`);
      p.write('lh', 0, 'latin1');
      p.writeUInt16LE(sorted.length, 2);
      sorted.forEach((k, i) => {
        p.writeUInt32LE(offsetOf(k.cell), 4 + 8 * i);
        p.writeUInt32LE(lhHash(k.name), 8 + 8 * i);
      });
    },
  };
}

/** Case-insensitive order of key names, as the registry keeps subkey lists. */
export function compareNames(a: string, b: string): number {
  const x = a.toUpperCase();
  const y = b.toUpperCase();
  return x < y ? -1 : x > y ? 1 : 0;
}

/** A value (`vk`); `data` of up to 4 bytes is kept in the offset field itself, longer data in `dataRef`. */
export function valueCell(name: string, type: number, data: Uint8Array, dataRef: HiveCell | undefined): HiveCell {
  const encoded = encodeName(name);
  return {
    payloadBytes: VK_HEADER + encoded.bytes.length,
    write(p, offsetOf) {
      p.write('vk', 0, 'latin1');
      p.writeUInt16LE(encoded.bytes.length, 2);
      if (dataRef) {
        p.writeUInt32LE(data.length, 4);
        p.writeUInt32LE(offsetOf(dataRef), 8);
      } else {
        p.writeUInt32LE((DATA_IN_OFFSET | data.length) >>> 0, 4);
        p.set(data, 8);
      }
      p.writeUInt32LE(type, 12);
      p.writeUInt16LE(encoded.compressed ? VALUE_COMP_NAME : 0, 16);
      encoded.bytes.copy(p, VK_HEADER);
    },
  };
}

/** What a key node points at. */
export interface KeyNodeParts {
  name: string;
  root: boolean;
  parent: () => HiveCell | undefined;
  subkeys: HiveCell | undefined;
  subkeyCount: number;
  values: HiveCell | undefined;
  valueCount: number;
  security: HiveCell;
  /** FILETIME of the last write. */
  writtenAt: bigint;
  /** Largest subkey name and value name, in UTF-16 bytes; largest value data, in bytes. */
  largest: { subkeyName: number; valueName: number; valueData: number };
}

/** A key node (`nk`). */
export function keyNodeCell(parts: KeyNodeParts): HiveCell {
  const encoded = encodeName(parts.name);
  const flags = (encoded.compressed ? KEY_COMP_NAME : 0) | (parts.root ? KEY_HIVE_ENTRY | KEY_NO_DELETE : 0);
  return {
    payloadBytes: NK_HEADER + encoded.bytes.length,
    write(p, offsetOf) {
      const ref = (c: HiveCell | undefined) => (c ? offsetOf(c) : NO_CELL);
      const parent = parts.parent();
      p.write('nk', 0, 'latin1');
      p.writeUInt16LE(flags, 2);
      p.writeBigUInt64LE(parts.writtenAt, 4);
      p.writeUInt32LE(parent ? offsetOf(parent) : 0, 16);
      p.writeUInt32LE(parts.subkeyCount, 20);
      p.writeUInt32LE(ref(parts.subkeys), 28);
      p.writeUInt32LE(NO_CELL, 32);
      p.writeUInt32LE(parts.valueCount, 36);
      p.writeUInt32LE(ref(parts.values), 40);
      p.writeUInt32LE(offsetOf(parts.security), 44);
      p.writeUInt32LE(NO_CELL, 48);
      p.writeUInt32LE(parts.largest.subkeyName, 52);
      p.writeUInt32LE(parts.largest.valueName, 60);
      p.writeUInt32LE(parts.largest.valueData, 64);
      p.writeUInt16LE(encoded.bytes.length, 72);
      encoded.bytes.copy(p, NK_HEADER);
    },
  };
}

/** The one security cell every key shares (`sk`); it lists itself as its neighbours. */
export function securityCell(descriptor: Uint8Array, referenceCount: () => number): HiveCell {
  const cell: HiveCell = {
    payloadBytes: 20 + descriptor.length,
    write(p, offsetOf) {
      p.write('sk', 0, 'latin1');
      p.writeUInt32LE(offsetOf(cell), 4);
      p.writeUInt32LE(offsetOf(cell), 8);
      p.writeUInt32LE(referenceCount(), 12);
      p.writeUInt32LE(descriptor.length, 16);
      p.set(descriptor, 20);
    },
  };
  return cell;
}
