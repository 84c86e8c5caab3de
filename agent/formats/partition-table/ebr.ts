/**
 * The EBR chain that holds MBR logical partitions: one EBR sector per logical partition, the first at the start of
 * the extended partition and each later one 1 MiB before its logical partition. In each EBR, entry 1 is the logical
 * partition relative to that EBR and entry 2 links to the next EBR relative to the extended partition's start.
 */
import { EXTENDED_TYPES, parseMbrSlots, hasBootSignature, renderMbrSector, type MbrSlot } from './mbr.ts';

/** Type id of the link entries (entry 2) of an EBR. */
const EBR_LINK_TYPE = 0x05;
/** A chain longer than this is treated as a loop in a damaged table. */
const MAX_CHAIN = 256;

/**
 * Where each logical partition's EBR goes: the extended start for the first, `gapSectors` before its partition for
 * the others. Logicals must be sorted by start.
 */
export function planEbrLbas(extendedStart: number, logicals: readonly MbrSlot[], gapSectors: number): number[] {
  return logicals.map((l, i) => (i === 0 ? extendedStart : l.startLba - gapSectors));
}

/**
 * The EBR sectors of an extended partition (an empty EBR when it has no logical partitions).
 * @param logicals sorted by start, absolute sectors; positions from {@link planEbrLbas}
 */
export function renderEbrChain(
  sectorSize: number, extendedStart: number, logicals: readonly MbrSlot[], gapSectors: number,
): Array<{ lba: number; bytes: Uint8Array }> {
  if (logicals.length === 0) return [{ lba: extendedStart, bytes: renderMbrSector(sectorSize, []) }];
  const ebrs = planEbrLbas(extendedStart, logicals, gapSectors);
  return logicals.map((l, i) => {
    const self = { ...l, startLba: l.startLba - ebrs[i] };
    const next = logicals[i + 1];
    const link = next && {
      active: false,
      type: EBR_LINK_TYPE,
      startLba: ebrs[i + 1] - extendedStart,
      sectorCount: next.startLba + next.sectorCount - ebrs[i + 1],
    };
    return { lba: ebrs[i], bytes: renderMbrSector(sectorSize, [self, link]) };
  });
}

/**
 * The logical partitions (absolute sectors) found by following the EBR chain from the extended partition's start.
 * Stops at a sector without 0x55AA, an empty link, or a loop.
 */
export function parseEbrChain(readSector: (lba: number) => Uint8Array, extendedStart: number): MbrSlot[] {
  const found: MbrSlot[] = [];
  const seen = new Set<number>();
  let ebr: number | undefined = extendedStart;
  while (ebr !== undefined && !seen.has(ebr) && seen.size < MAX_CHAIN) {
    seen.add(ebr);
    const sector = readSector(ebr);
    if (!hasBootSignature(sector)) break;
    const [self, link] = parseMbrSlots(sector);
    if (self && !EXTENDED_TYPES.has(self.type)) found.push({ ...self, startLba: ebr + self.startLba });
    ebr = link && EXTENDED_TYPES.has(link.type) ? extendedStart + link.startLba : undefined;
  }
  return found;
}
