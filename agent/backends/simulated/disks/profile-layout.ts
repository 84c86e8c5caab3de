/**
 * Turns a profile's disk description into the disk's starting state: byte size, and partitions at 1 MiB-aligned
 * offsets in the order given. The last 1 MiB of every disk stays free so that a GPT's backup copy fits (and MBR2GPT
 * can convert an MBR disk in place).
 */
import { alignUp, convertibleEnd, DEFAULT_SECTOR_SIZE, MIB, PARTITION_ALIGNMENT } from '../../../../engine/index.ts';
import type { DiskProfile } from '../profile/profile-types.ts';
import type { DiskState, PartitionState } from './disk-state.ts';

/** Bytes of a profile disk: `sizeBytes`, or `sizeGB` decimal gigabytes rounded down to whole sectors. */
export function profileDiskBytes(d: DiskProfile): number {
  const sector = d.sectorSize ?? DEFAULT_SECTOR_SIZE;
  if (d.sizeBytes !== undefined) return d.sizeBytes - (d.sizeBytes % sector);
  const bytes = Math.floor((d.sizeGB ?? 0) * 1e9);
  return bytes - (bytes % sector);
}

/**
 * Partitions of a profile disk with offsets and sizes. A partition without `sizeMB` takes the rest of the usable
 * space (validation allows that only for the last one).
 * @returns partitions that may end past the usable space; validation reports that
 */
export function planProfilePartitions(d: DiskProfile): PartitionState[] {
  const end = convertibleEnd(profileDiskBytes(d));
  let offset = PARTITION_ALIGNMENT;
  return (d.partitions ?? []).map((p, i) => {
    const sizeBytes = p.sizeMB !== undefined ? p.sizeMB * MIB : Math.max(0, end - offset);
    const state: PartitionState = {
      number: i + 1, role: p.role, offsetBytes: offset, sizeBytes, active: p.active ?? false,
      fileSystem: p.role === 'MSR' ? 'RAW' : p.fileSystem ?? 'RAW', label: p.label ?? '',
    };
    if (p.letter) state.fixedLetter = p.letter.toUpperCase();
    offset += alignUp(sizeBytes);
    return state;
  });
}

/** The starting state of a profile disk (no letters yet). */
export function profileDiskState(d: DiskProfile): DiskState {
  return {
    index: d.index, sizeBytes: profileDiskBytes(d), sectorSize: d.sectorSize ?? DEFAULT_SECTOR_SIZE, bus: d.bus,
    removable: d.removable ?? false, model: d.model, serialNumber: d.serialNumber, style: d.style ?? 'RAW',
    partitions: (d.style ?? 'RAW') === 'RAW' ? [] : planProfilePartitions(d),
  };
}
