/**
 * A whole registry hive file (regf) from a tree of keys: the 4096-byte base block, then 4 KiB bins of cells. Written
 * from scratch (no hive is modified), deterministically: the same tree and time give the same bytes.
 */
import {
  compareNames, dataCell, keyNodeCell, securityCell, subkeyListCell, valueCell, valueListCell, type HiveCell,
} from './hive-cells.ts';
import { registryKeyDescriptor } from './hive-security.ts';

/** A registry value: its name (empty for the default value), type (REG_SZ = 1, ...) and data. */
export interface HiveValue {
  name: string;
  type: number;
  data: Uint8Array;
}

/** A key with its values and subkeys. */
export interface HiveKey {
  name: string;
  values?: readonly HiveValue[];
  subkeys?: readonly HiveKey[];
}

export const BASE_BLOCK_BYTES = 4096;
const BIN_BYTES = 4096;
const BIN_HEADER = 32;
/** Data longer than this needs a big-data (`db`) cell, which these hives never have. */
const MAX_DATA_BYTES = 16344;
/** One `lh` list holds this many subkeys at most here (larger ones need an index root). */
const MAX_SUBKEYS = 1000;
const FILETIME_UNIX_EPOCH_MS = 11644473600000n;

/** FILETIME (100 ns units since 1601) of a date. */
export function fileTime(date: Date): bigint {
  return (BigInt(date.getTime()) + FILETIME_UNIX_EPOCH_MS) * 10000n;
}

/** Cell size on disk: payload plus the 4-byte size field, a multiple of 8. */
const cellBytes = (cell: HiveCell) => Math.ceil((cell.payloadBytes + 4) / 8) * 8;

interface Built {
  cells: HiveCell[];
  root: HiveCell;
  keys: number;
}

/** Every cell of the tree, in the order they are laid out: each key, its values, then its subkeys. */
function buildCells(root: HiveKey, writtenAt: bigint): Built {
  const cells: HiveCell[] = [];
  let keys = 0;
  const security = securityCell(registryKeyDescriptor(), () => keys);
  cells.push(security);
  const addKey = (key: HiveKey, parent: () => HiveCell | undefined): HiveCell => {
    keys += 1;
    const values = key.values ?? [];
    const subkeys = [...(key.subkeys ?? [])];
    checkKey(key, subkeys);
    const own: HiveCell[] = [];
    const vks = values.map((v) => {
      if (v.data.length > MAX_DATA_BYTES) throw new Error(`value ${v.name} of key ${key.name}: ${v.data.length} bytes is more than a hive cell here holds`);
      const ref = v.data.length > 4 ? dataCell(v.data) : undefined;
      const vk = valueCell(v.name, v.type, v.data, ref);
      own.push(vk, ...(ref ? [ref] : []));
      return vk;
    });
    const valueList = vks.length > 0 ? valueListCell(vks) : undefined;
    const children: Array<{ name: string; cell: HiveCell }> = [];
    const list = subkeys.length > 0 ? subkeyListCell(subkeys.length, () => children) : undefined;
    const nk = keyNodeCell({
      name: key.name, root: keys === 1, parent, subkeys: list, subkeyCount: subkeys.length, values: valueList,
      valueCount: vks.length, security, writtenAt,
      largest: {
        subkeyName: Math.max(0, ...subkeys.map((k) => 2 * k.name.length)),
        valueName: Math.max(0, ...values.map((v) => 2 * v.name.length)),
        valueData: Math.max(0, ...values.map((v) => v.data.length)),
      },
    });
    cells.push(nk, ...(valueList ? [valueList] : []), ...own, ...(list ? [list] : []));
    for (const sub of subkeys) children.push({ name: sub.name, cell: addKey(sub, () => nk) });
    return nk;
  };
  const rootCell = addKey(root, () => undefined);
  return { cells, root: rootCell, keys };
}

function checkKey(key: HiveKey, subkeys: readonly HiveKey[]): void {
  if (subkeys.length > MAX_SUBKEYS) throw new Error(`key ${key.name}: more than ${MAX_SUBKEYS} subkeys`);
  const sorted = subkeys.map((k) => k.name).sort(compareNames);
  const twin = sorted.find((n, i) => i > 0 && compareNames(n, sorted[i - 1]) === 0);
  if (twin !== undefined) throw new Error(`key ${key.name}: two subkeys named ${twin}`);
  if (/[\\]/.test(key.name) || key.name.length === 0) throw new Error(`'${key.name}' is not a key name`);
}

/** Bins of 4 KiB (larger for a cell that does not fit one), each cell wholly inside a bin. */
function layOut(cells: readonly HiveCell[]): { offsets: Map<HiveCell, number>; bins: Array<{ start: number; size: number }>; end: number } {
  const offsets = new Map<HiveCell, number>();
  const bins: Array<{ start: number; size: number }> = [];
  let binStart = 0;
  let binSize = 0;
  let at = 0;
  for (const cell of cells) {
    const size = cellBytes(cell);
    if (bins.length === 0 || at + size > binStart + binSize) {
      binStart = bins.length === 0 ? 0 : binStart + binSize;
      binSize = Math.ceil((BIN_HEADER + size) / BIN_BYTES) * BIN_BYTES;
      bins.push({ start: binStart, size: binSize });
      at = binStart + BIN_HEADER;
    }
    offsets.set(cell, at);
    at += size;
  }
  return { offsets, bins, end: binStart + binSize };
}

function writeBaseBlock(out: Buffer, rootOffset: number, binsBytes: number, writtenAt: bigint): void {
  out.write('regf', 0, 'latin1');
  out.writeUInt32LE(1, 4);
  out.writeUInt32LE(1, 8);
  out.writeBigUInt64LE(writtenAt, 12);
  out.writeUInt32LE(1, 20);
  out.writeUInt32LE(3, 24);
  out.writeUInt32LE(0, 28);
  out.writeUInt32LE(1, 32);
  out.writeUInt32LE(rootOffset, 36);
  out.writeUInt32LE(binsBytes, 40);
  out.writeUInt32LE(1, 44);
  out.writeUInt32LE(baseBlockChecksum(out), 508);
}

/** XOR of the base block's first 127 double words; 0 and 0xFFFFFFFF are not allowed and are nudged. */
export function baseBlockChecksum(block: Uint8Array): number {
  const view = Buffer.from(block.buffer, block.byteOffset, 508);
  let sum = 0;
  for (let i = 0; i < 508; i += 4) sum = (sum ^ view.readUInt32LE(i)) >>> 0;
  if (sum === 0) return 1;
  if (sum === 0xffffffff) return 0xfffffffe;
  return sum;
}

/**
 * The bytes of a hive holding `root` and everything under it; every key gets one shared security descriptor.
 * @throws Error for two subkeys of one key with the same name (any case), a value larger than 16,344 bytes, or more
 *   than 1,000 subkeys under one key
 */
export function renderHive(root: HiveKey, writtenAt: Date): Uint8Array {
  const time = fileTime(writtenAt);
  const built = buildCells(root, time);
  const { offsets, bins, end } = layOut(built.cells);
  const out = Buffer.alloc(BASE_BLOCK_BYTES + end);
  const offsetOf = (cell: HiveCell) => {
    const at = offsets.get(cell);
    if (at === undefined) throw new Error('a cell points at a cell that was not laid out');
    return at;
  };
  for (const bin of bins) {
    const at = BASE_BLOCK_BYTES + bin.start;
    out.write('hbin', at, 'latin1');
    out.writeUInt32LE(bin.start, at + 4);
    out.writeUInt32LE(bin.size, at + 8);
    if (bin.start === 0) out.writeBigUInt64LE(time, at + 20);
  }
  for (const cell of built.cells) {
    const at = BASE_BLOCK_BYTES + offsetOf(cell);
    const size = cellBytes(cell);
    out.writeInt32LE(-size, at);
    cell.write(out.subarray(at + 4, at + size), offsetOf);
  }
  writeFreeTails(out, built.cells, offsets, bins);
  writeBaseBlock(out, offsetOf(built.root), end, time);
  return out;
}

/** The unused end of each bin is one free cell (a positive size), as the registry expects. */
function writeFreeTails(out: Buffer, cells: readonly HiveCell[], offsets: Map<HiveCell, number>, bins: ReadonlyArray<{ start: number; size: number }>): void {
  for (const bin of bins) {
    const used = cells.filter((c) => {
      const at = offsets.get(c)!;
      return at >= bin.start && at < bin.start + bin.size;
    }).reduce((end, c) => Math.max(end, offsets.get(c)! + cellBytes(c)), bin.start + BIN_HEADER);
    const free = bin.start + bin.size - used;
    if (free > 0) out.writeInt32LE(free, BASE_BLOCK_BYTES + used);
  }
}
