/**
 * Builds the smallest PE files the version reader must read: headers, one `.rsrc` section and, when asked, an
 * RT_VERSION resource with a VS_FIXEDFILEINFO, laid out as the PE format describes.
 */

/** What the built file holds. */
export interface PeSpec {
  /** PE32+ (64-bit) unless false. */
  pe32Plus?: boolean;
  /** The file version's four parts; no version resource when absent. */
  version?: [number, number, number, number];
  /** A resource other than the version (an icon, type 3) only. */
  otherResourceOnly?: boolean;
}

const SECTION_RVA = 0x1000;
const RAW_OFFSET = 0x200;

/** The bytes of a PE file as `spec` says. */
export function buildPe(spec: PeSpec = {}): Buffer {
  const plus = spec.pe32Plus !== false;
  const optionalSize = (plus ? 112 : 96) + 16 * 8;
  const rsrc = resourceSection(spec);
  const file = Buffer.alloc(RAW_OFFSET + rsrc.length);
  file.write('MZ', 0, 'latin1');
  file.writeUInt32LE(0x40, 0x3c);
  file.writeUInt32LE(0x00004550, 0x40);
  file.writeUInt16LE(plus ? 0x8664 : 0x14c, 0x44);
  file.writeUInt16LE(1, 0x46); // one section
  file.writeUInt16LE(optionalSize, 0x54);
  const optional = 0x58;
  file.writeUInt16LE(plus ? 0x20b : 0x10b, optional);
  const directories = optional + (plus ? 112 : 96);
  file.writeUInt32LE(16, directories - 4); // NumberOfRvaAndSizes
  file.writeUInt32LE(SECTION_RVA, directories + 2 * 8);
  file.writeUInt32LE(rsrc.length, directories + 2 * 8 + 4);
  const section = optional + optionalSize;
  file.write('.rsrc', section, 'latin1');
  file.writeUInt32LE(rsrc.length, section + 8);
  file.writeUInt32LE(SECTION_RVA, section + 12);
  file.writeUInt32LE(rsrc.length, section + 16);
  file.writeUInt32LE(RAW_OFFSET, section + 20);
  rsrc.copy(file, RAW_OFFSET);
  return file;
}

/** A directory of one entry (id -> field) at `at`. */
function directory(buf: Buffer, at: number, id: number, field: number): void {
  buf.writeUInt16LE(1, at + 14); // one id entry
  buf.writeUInt32LE(id, at + 16);
  buf.writeUInt32LE(field >>> 0, at + 20);
}

function resourceSection(spec: PeSpec): Buffer {
  const buf = Buffer.alloc(0x58 + 92);
  directory(buf, 0, spec.otherResourceOnly ? 3 : 16, 0x80000000 | 0x18);
  directory(buf, 0x18, 1, 0x80000000 | 0x30);
  directory(buf, 0x30, 0x409, 0x48);
  buf.writeUInt32LE(SECTION_RVA + 0x58, 0x48);
  buf.writeUInt32LE(92, 0x4c);
  const info = 0x58;
  buf.writeUInt16LE(92, info);
  buf.writeUInt16LE(52, info + 2);
  buf.write('VS_VERSION_INFO\0', info + 6, 'utf16le');
  if (spec.version) {
    const [a, b, c, d] = spec.version;
    buf.writeUInt32LE(0xfeef04bd, info + 40);
    buf.writeUInt32LE(0x00010000, info + 44);
    buf.writeUInt32LE(((a << 16) | b) >>> 0, info + 48);
    buf.writeUInt32LE(((c << 16) | d) >>> 0, info + 52);
  }
  return buf;
}
