/**
 * BCD elements: the ids the stores written here use and how each element's value is stored. An element id's bits
 * 24-27 give its format (1 device, 2 string, 3 object, 4 object list, 5 integer, 6 boolean, 7 integer list), which
 * decides the registry value type of its `Element` value.
 */
import type { HiveValue } from './hive-file.ts';

export const REG_SZ = 1;
export const REG_BINARY = 3;
export const REG_DWORD = 4;
export const REG_MULTI_SZ = 7;

/** The element ids written (names as bcdedit shows them in comments). */
export const ELEMENT = {
  /** device */
  applicationDevice: 0x11000001,
  /** path */
  applicationPath: 0x12000002,
  /** description */
  description: 0x12000004,
  /** locale */
  locale: 0x12000005,
  /** isolatedcontext */
  isolatedContext: 0x16000060,
  /** allowedinmemorysettings */
  allowedInMemorySettings: 0x17000077,
  /** osdevice */
  osDevice: 0x21000001,
  /** systemroot */
  systemRoot: 0x22000002,
  /** default */
  defaultObject: 0x23000003,
  /** displayorder */
  displayOrder: 0x24000001,
  /** timeout */
  timeout: 0x25000004,
  /** nx */
  nxPolicy: 0x25000020,
  /** bootmenupolicy */
  bootMenuPolicy: 0x250000c2,
} as const;

/** An element's value as the caller gives it; which one fits is fixed by the id's format bits. */
export type ElementValue = Uint8Array | string | readonly string[] | number | boolean | readonly number[];

/** The format bits of an element id. */
export function elementFormat(id: number): number {
  return (id >>> 24) & 0x0f;
}

/** The key name of an element: its id as 8 lower-case hex digits. */
export function elementKeyName(id: number): string {
  return (id >>> 0).toString(16).padStart(8, '0');
}

const utf16z = (s: string) => Buffer.from(`${s}\0`, 'utf16le');

function integerBytes(values: readonly number[]): Buffer {
  const out = Buffer.alloc(8 * values.length);
  values.forEach((v, i) => {
    if (!Number.isSafeInteger(v) || v < 0) throw new Error(`not an element integer: ${v}`);
    out.writeBigUInt64LE(BigInt(v), 8 * i);
  });
  return out;
}

function mismatch(id: number, value: ElementValue): never {
  throw new Error(`element ${elementKeyName(id)} (format ${elementFormat(id)}) cannot hold ${JSON.stringify(value)}`);
}

/**
 * The `Element` value of an element: devices as binary, strings and object GUIDs as REG_SZ, object lists as
 * REG_MULTI_SZ, integers as 8-byte little-endian binary, booleans as one byte, integer lists as 8 bytes each.
 * @throws Error when the value does not fit the id's format
 */
export function elementValue(id: number, value: ElementValue): HiveValue {
  const format = elementFormat(id);
  const bin = (data: Uint8Array): HiveValue => ({ name: 'Element', type: REG_BINARY, data });
  switch (format) {
    case 1: return value instanceof Uint8Array ? bin(value) : mismatch(id, value);
    case 2:
    case 3: return typeof value === 'string' ? { name: 'Element', type: REG_SZ, data: utf16z(value) } : mismatch(id, value);
    case 4: return Array.isArray(value) && value.every((v) => typeof v === 'string')
      ? { name: 'Element', type: REG_MULTI_SZ, data: Buffer.concat([...(value as string[]).map(utf16z), Buffer.alloc(2)]) }
      : mismatch(id, value);
    case 5: return typeof value === 'number' ? bin(integerBytes([value])) : mismatch(id, value);
    case 6: return typeof value === 'boolean' ? bin(Uint8Array.of(value ? 1 : 0)) : mismatch(id, value);
    case 7: return Array.isArray(value) && value.every((v) => typeof v === 'number') ? bin(integerBytes(value as number[])) : mismatch(id, value);
    default: throw new Error(`element ${elementKeyName(id)} has an unknown format ${format}`);
  }
}
