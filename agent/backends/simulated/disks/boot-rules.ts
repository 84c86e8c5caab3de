/**
 * Whether the firmware can start the installed Windows from the disks as they are now. UEFI: a boot entry pointing
 * at an existing boot loader on an EFI system partition of a GPT disk, checked in boot order, then the removable-media
 * fallback loader on each disk in index order. BIOS: the first fixed disk must be MBR with an active partition that
 * holds bootmgr.
 */
import { fallbackLoader, TaskseqError, WINDOWS_BOOT_MANAGER, type Architecture } from '../../../../engine/index.ts';
import { volumeFolderPath, type DiskState, type PartitionState, type StorageState } from './disk-state.ts';
import { findEntry, splitVolumePath } from '../../host-files/volume-files.ts';

export interface BootView {
  stateDir: string;
  storage: StorageState;
  architecture: Architecture;
}

function refuse(message: string): never {
  throw new TaskseqError('unsupported', message);
}

function holds(v: BootView, disk: DiskState, p: PartitionState, path: string): boolean {
  if (p.fileSystem === 'RAW') return false;
  return findEntry(volumeFolderPath(v.stateDir, disk.index, p.number), splitVolumePath(path)) !== undefined;
}

function espOf(disk: DiskState | undefined): PartitionState | undefined {
  return disk?.style === 'GPT' ? disk.partitions.find((p) => p.role === 'EFI') : undefined;
}

function entryBoots(v: BootView, entry: { disk: number; partition: number; path: string }): boolean {
  const disk = v.storage.disks.find((d) => d.index === entry.disk);
  const p = espOf(disk);
  return !!disk && !!p && p.number === entry.partition && holds(v, disk, p, entry.path);
}

function byIndex(disks: readonly DiskState[]): DiskState[] {
  return [...disks].sort((a, b) => a.index - b.index);
}

function refuseUefi(v: BootView): never {
  const fallback = fallbackLoader(v.architecture);
  const withEsp = byIndex(v.storage.disks).find((d) => espOf(d));
  if (withEsp) {
    const has = holds(v, withEsp, espOf(withEsp)!, WINDOWS_BOOT_MANAGER);
    refuse(has
      ? `UEFI firmware cannot boot: no boot entry points at ${WINDOWS_BOOT_MANAGER} on disk ${withEsp.index} and its `
        + `EFI system partition has no fallback ${fallback}`
      : `UEFI firmware cannot boot: the EFI system partition on disk ${withEsp.index} has no ${WINDOWS_BOOT_MANAGER} `
        + `and no fallback ${fallback}`);
  }
  const first = byIndex(v.storage.disks)[0];
  if (!first) refuse('cannot boot the installed OS: this machine has no disk');
  if (first.style === 'RAW') refuse(`cannot boot the installed OS: disk ${first.index} is blank (no partition table)`);
  refuse(`UEFI firmware cannot boot: disk ${first.index} is ${first.style} and no disk has an EFI system partition`);
}

function checkUefi(v: BootView): void {
  if (v.storage.firmware.bootEntries.some((e) => entryBoots(v, e))) return;
  const fallback = fallbackLoader(v.architecture);
  if (byIndex(v.storage.disks).some((d) => { const p = espOf(d); return !!p && holds(v, d, p, fallback); })) return;
  refuseUefi(v);
}

function checkBios(v: BootView): void {
  const disk = byIndex(v.storage.disks).find((d) => !d.removable);
  if (!disk) refuse('BIOS firmware cannot boot: this machine has no fixed disk');
  const name = `BIOS firmware cannot boot disk ${disk.index}`;
  if (disk.style === 'RAW') refuse(`cannot boot the installed OS: disk ${disk.index} is blank (no partition table)`);
  if (disk.style === 'GPT') refuse(`${name}: GPT without a BIOS boot partition`);
  const active = disk.partitions.find((p) => p.active);
  if (!active) refuse(`${name}: no active partition`);
  if (!holds(v, disk, active, 'bootmgr')) refuse(`${name}: the active partition ${active.number} has no bootmgr`);
}

/**
 * Checks that the firmware in `storage.firmware.mode` finds a boot loader for the installed Windows.
 * @throws TaskseqError('unsupported') saying why it cannot
 */
export function checkBootable(v: BootView): void {
  if (v.storage.firmware.mode === 'UEFI') checkUefi(v);
  else checkBios(v);
}
