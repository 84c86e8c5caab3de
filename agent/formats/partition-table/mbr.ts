/**
 * The MBR sector (and the same 16-byte entry format inside each EBR): four partition entries at 0x1BE, the disk
 * signature at 0x1B8 and the 0x55AA boot signature at 510. Works on sector numbers; the caller owns byte offsets.
 */

/** One 16-byte MBR partition entry, in sectors. */
export interface MbrSlot {
  active: boolean;
  type: number;
  startLba: number;
  sectorCount: number;
}

const ENTRY_TABLE_OFFSET = 0x1be;
const ENTRY_SIZE = 16;
const DISK_SIGNATURE_OFFSET = 0x1b8;
const HEADS = 255;
const SECTORS_PER_TRACK = 63;
/** Largest CHS address: beyond it, tools use 1023/254/63 and read the LBA fields. */
const CHS_LIMIT = 1024 * HEADS * SECTORS_PER_TRACK;

/** MBR type ids of extended partitions (CHS, LBA, and the Linux variant) that start an EBR chain. */
export const EXTENDED_TYPES: ReadonlySet<number> = new Set([0x05, 0x0f, 0x85]);
/** GPT protective MBR type id. */
export const PROTECTIVE_TYPE = 0xee;

/** The 3 CHS bytes of an LBA (255 heads, 63 sectors per track), or FE FF FF past the CHS limit. */
export function renderChs(lba: number): [number, number, number] {
  if (lba >= CHS_LIMIT) return [0xfe, 0xff, 0xff];
  const cylinder = Math.floor(lba / (HEADS * SECTORS_PER_TRACK));
  const head = Math.floor(lba / SECTORS_PER_TRACK) % HEADS;
  const sector = (lba % SECTORS_PER_TRACK) + 1;
  return [head, sector | ((cylinder >> 2) & 0xc0), cylinder & 0xff];
}

function writeSlot(view: DataView, index: number, slot: MbrSlot): void {
  const at = ENTRY_TABLE_OFFSET + index * ENTRY_SIZE;
  view.setUint8(at, slot.active ? 0x80 : 0x00);
  renderChs(slot.startLba).forEach((b, i) => view.setUint8(at + 1 + i, b));
  view.setUint8(at + 4, slot.type);
  renderChs(slot.startLba + slot.sectorCount - 1).forEach((b, i) => view.setUint8(at + 5 + i, b));
  view.setUint32(at + 8, slot.startLba, true);
  view.setUint32(at + 12, slot.sectorCount, true);
}

/**
 * One MBR-format sector (an MBR or an EBR): zero boot code, the given entries (undefined = empty slot), the disk
 * signature when given, and 0x55AA.
 * @param sectorSize bytes of the returned sector (512 or 4096; the layout sits in its first 512 bytes)
 */
export function renderMbrSector(sectorSize: number, slots: Array<MbrSlot | undefined>, diskSignature?: number): Uint8Array {
  const bytes = new Uint8Array(sectorSize);
  const view = new DataView(bytes.buffer);
  if (diskSignature !== undefined) view.setUint32(DISK_SIGNATURE_OFFSET, diskSignature, true);
  slots.slice(0, 4).forEach((slot, i) => { if (slot) writeSlot(view, i, slot); });
  bytes[510] = 0x55;
  bytes[511] = 0xaa;
  return bytes;
}

/** Whether a sector ends with the 0x55AA boot signature. */
export function hasBootSignature(sector: Uint8Array): boolean {
  return sector.length >= 512 && sector[510] === 0x55 && sector[511] === 0xaa;
}

/** The four entries of an MBR-format sector (undefined where the type id is 0). */
export function parseMbrSlots(sector: Uint8Array): Array<MbrSlot | undefined> {
  const view = new DataView(sector.buffer, sector.byteOffset, sector.byteLength);
  return [0, 1, 2, 3].map((i) => {
    const at = ENTRY_TABLE_OFFSET + i * ENTRY_SIZE;
    const type = view.getUint8(at + 4);
    if (type === 0) return undefined;
    return {
      active: (view.getUint8(at) & 0x80) !== 0,
      type,
      startLba: view.getUint32(at + 8, true),
      sectorCount: view.getUint32(at + 12, true),
    };
  });
}

/** The disk signature (u32 at 0x1B8) of an MBR sector. */
export function parseDiskSignature(sector: Uint8Array): number {
  return new DataView(sector.buffer, sector.byteOffset, sector.byteLength).getUint32(DISK_SIGNATURE_OFFSET, true);
}
