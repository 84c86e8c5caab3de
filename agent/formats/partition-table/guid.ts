/**
 * GUIDs as GPT stores them, derived deterministically from a seed so that two runs of the same machine write the same
 * bytes and can be diffed.
 */
import { createHash } from 'node:crypto';

/**
 * A version-4-shaped GUID (upper case, `8-4-4-4-12`) derived from a seed string by SHA-256: the same seed always gives
 * the same GUID, different seeds give different GUIDs with overwhelming probability.
 */
export function deriveGuid(seed: string): string {
  const bytes = createHash('sha256').update(seed).digest().subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex').toUpperCase();
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A non-zero 32-bit number derived from a seed (the MBR disk signature). */
export function deriveU32(seed: string): number {
  const value = createHash('sha256').update(seed).digest().readUInt32LE(0);
  return value === 0 ? 1 : value;
}

/**
 * The 16 on-disk bytes of a GUID string: the first three fields little-endian, the last two as written.
 * @throws Error when the string is not a `8-4-4-4-12` hex GUID.
 */
export function renderGuidBytes(guid: string): Uint8Array {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(guid)) {
    throw new Error(`not a GUID: '${guid}'`);
  }
  const hex = guid.replace(/-/g, '');
  const out = Buffer.from(hex, 'hex');
  out.subarray(0, 4).reverse();
  out.subarray(4, 6).reverse();
  out.subarray(6, 8).reverse();
  return out;
}

/** The GUID string (upper case) of 16 on-disk bytes; the inverse of {@link renderGuidBytes}. */
export function parseGuidBytes(bytes: Uint8Array): string {
  const b = Buffer.from(bytes.subarray(0, 16));
  b.subarray(0, 4).reverse();
  b.subarray(4, 6).reverse();
  b.subarray(6, 8).reverse();
  const hex = b.toString('hex').toUpperCase();
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
