/**
 * The bytes of a BCD device element that names a partition (see docs/boot-files.md for the layout and its sources):
 * a 16-byte zero GUID (no additional options object), the device header (type 6 = partition, flags, the length of
 * what follows the GUID), then the partition's identity. GPT: the partition's unique GUID at 0x20, partition style 0
 * at 0x34 and the disk GUID at 0x38. MBR: the partition's offset in bytes at 0x20, style 1 at 0x34 and the disk
 * signature at 0x38. 88 bytes in all.
 */
import { parseGuidBytes, renderGuidBytes } from '../partition-table/guid.ts';

/** A partition as a BCD store names it: by GUIDs on a GPT disk, by offset and disk signature on an MBR disk. */
export type BcdPartition =
  | { style: 'GPT'; diskGuid: string; partitionGuid: string }
  | { style: 'MBR'; diskSignature: number; offsetBytes: number };

/** The device type of a partition in a device element. */
export const PARTITION_DEVICE_TYPE = 6;
export const DEVICE_ELEMENT_BYTES = 0x58;
const HEADER_AT = 0x10;
const IDENTITY_AT = 0x20;
const STYLE_AT = 0x34;
const DISK_AT = 0x38;
const STYLE = { GPT: 0, MBR: 1 } as const;

/** The element bytes of a partition device. */
export function renderPartitionDevice(partition: BcdPartition): Uint8Array {
  const out = Buffer.alloc(DEVICE_ELEMENT_BYTES);
  out.writeUInt32LE(PARTITION_DEVICE_TYPE, HEADER_AT);
  out.writeUInt32LE(0, HEADER_AT + 4);
  out.writeUInt32LE(DEVICE_ELEMENT_BYTES - HEADER_AT, HEADER_AT + 8);
  out.writeUInt32LE(STYLE[partition.style], STYLE_AT);
  if (partition.style === 'GPT') {
    out.set(renderGuidBytes(partition.partitionGuid), IDENTITY_AT);
    out.set(renderGuidBytes(partition.diskGuid), DISK_AT);
  } else {
    if (!Number.isSafeInteger(partition.offsetBytes) || partition.offsetBytes < 0) throw new Error(`not a partition offset: ${partition.offsetBytes}`);
    out.writeBigUInt64LE(BigInt(partition.offsetBytes), IDENTITY_AT);
    out.writeUInt32LE(partition.diskSignature >>> 0, DISK_AT);
  }
  return out;
}

/**
 * The partition a device element names (GUIDs upper case); undefined for any other device (boot, file, ramdisk...).
 * The inverse of {@link renderPartitionDevice}, for tests and for reading a store back.
 */
export function parsePartitionDevice(bytes: Uint8Array): BcdPartition | undefined {
  if (bytes.length < DISK_AT + 16) return undefined;
  const b = Buffer.from(bytes);
  if (b.readUInt32LE(HEADER_AT) !== PARTITION_DEVICE_TYPE) return undefined;
  const style = b.readUInt32LE(STYLE_AT);
  if (style === STYLE.GPT) {
    return { style: 'GPT', partitionGuid: parseGuidBytes(b.subarray(IDENTITY_AT, IDENTITY_AT + 16)), diskGuid: parseGuidBytes(b.subarray(DISK_AT, DISK_AT + 16)) };
  }
  if (style === STYLE.MBR) {
    return { style: 'MBR', offsetBytes: Number(b.readBigUInt64LE(IDENTITY_AT)), diskSignature: b.readUInt32LE(DISK_AT) };
  }
  return undefined;
}
