/**
 * The file version of a Windows program or library (PE file): the `VS_FIXEDFILEINFO` of its version resource
 * (`RT_VERSION`), as the File Properties condition compares it. Pure over a positioned read, so that only the
 * headers, the resource tree and the version resource are read, never the whole file.
 */

/** Reads `length` bytes at `offset` (fewer at the end of the file). */
export type ReadAt = (offset: number, length: number) => Uint8Array;

const RT_VERSION = 16;
const RESOURCE_DIRECTORY = 2;
const FIXED_FILE_INFO_SIGNATURE = 0xfeef04bd;
/** `VS_VERSION_INFO` header: three WORDs, the key `VS_VERSION_INFO` and its NUL in UTF-16, padded to 4 bytes. */
const FIXED_INFO_OFFSET = 40;
/** Resource trees are shallow; a loop in a damaged file must not run away. */
const MAX_DIRECTORY_ENTRIES = 4096;

interface Section {
  rva: number;
  size: number;
  fileOffset: number;
}

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** The file offset of an RVA, through the section that holds it. */
function fileOffsetOf(sections: readonly Section[], rva: number): number | undefined {
  const s = sections.find((x) => rva >= x.rva && rva < x.rva + x.size);
  return s === undefined ? undefined : s.fileOffset + (rva - s.rva);
}

/** The headers: the resource directory's RVA and the sections. */
function readHeaders(read: ReadAt): { resourceRva: number; sections: Section[] } | undefined {
  const dos = read(0, 64);
  if (dos.length < 64 || dos[0] !== 0x4d || dos[1] !== 0x5a) return undefined; // MZ
  const peOffset = view(dos).getUint32(0x3c, true);
  const head = read(peOffset, 24);
  if (head.length < 24 || view(head).getUint32(0, true) !== 0x00004550) return undefined; // PE\0\0
  const sectionCount = view(head).getUint16(6, true);
  const optionalSize = view(head).getUint16(20, true);
  const optional = view(read(peOffset + 24, optionalSize));
  if (optional.byteLength < 2) return undefined;
  const magic = optional.getUint16(0, true);
  const directories = magic === 0x20b ? 112 : magic === 0x10b ? 96 : undefined;
  const entry = directories === undefined ? undefined : directories + RESOURCE_DIRECTORY * 8;
  if (entry === undefined || optional.byteLength < entry + 8) return undefined;
  const table = view(read(peOffset + 24 + optionalSize, sectionCount * 40));
  const sections: Section[] = [];
  for (let i = 0; i + 40 <= table.byteLength; i += 40) {
    const virtualSize = table.getUint32(i + 8, true);
    const rawSize = table.getUint32(i + 16, true);
    sections.push({ rva: table.getUint32(i + 12, true), size: Math.max(virtualSize, rawSize), fileOffset: table.getUint32(i + 20, true) });
  }
  return { resourceRva: optional.getUint32(entry, true), sections };
}

/** The entries of a resource directory at `offset` (file offset): `[id or -1 for a name, offset field]`. */
function directoryEntries(read: ReadAt, offset: number): Array<[number, number]> {
  const header = read(offset, 16);
  if (header.length < 16) return [];
  const count = Math.min(view(header).getUint16(12, true) + view(header).getUint16(14, true), MAX_DIRECTORY_ENTRIES);
  const entries = view(read(offset + 16, count * 8));
  const out: Array<[number, number]> = [];
  for (let i = 0; i + 8 <= entries.byteLength; i += 8) {
    const name = entries.getUint32(i, true);
    out.push([name & 0x80000000 ? -1 : name, entries.getUint32(i + 4, true)]);
  }
  return out;
}

/**
 * The file version (`10.0.22621.4460`) of the PE file read by `read`, or undefined when it is not a PE file or has
 * no version resource: type RT_VERSION, its first name and first language.
 */
export function readPeFileVersion(read: ReadAt): string | undefined {
  const headers = readHeaders(read);
  const root = headers && fileOffsetOf(headers.sections, headers.resourceRva);
  if (!headers || root === undefined || headers.resourceRva === 0) return undefined;
  let field = directoryEntries(read, root).find(([id]) => id === RT_VERSION)?.[1];
  for (let level = 0; level < 2 && field !== undefined; level++) {
    if (!(field & 0x80000000)) return undefined; // a subdirectory is expected at the name and language levels
    field = directoryEntries(read, root + (field & 0x7fffffff))[0]?.[1];
  }
  if (field === undefined || field & 0x80000000) return undefined;
  const dataEntry = read(root + field, 16);
  if (dataEntry.length < 16) return undefined;
  const data = fileOffsetOf(headers.sections, view(dataEntry).getUint32(0, true));
  if (data === undefined) return undefined;
  const fixed = read(data + FIXED_INFO_OFFSET, 16);
  if (fixed.length < 16 || view(fixed).getUint32(0, true) !== FIXED_FILE_INFO_SIGNATURE) return undefined;
  const ms = view(fixed).getUint32(8, true);
  const ls = view(fixed).getUint32(12, true);
  return [ms >>> 16, ms & 0xffff, ls >>> 16, ls & 0xffff].join('.');
}
