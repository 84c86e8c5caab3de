/**
 * Where boot files go, as bcdboot chooses when it is not told: for UEFI the EFI system partition of the first GPT
 * disk that has one (disks in index order); for BIOS the active partition of the first fixed disk. Every backend and
 * the plan of a live run ask here, so they agree on the partition.
 */
import type { Architecture } from '../ports/system-info.ts';

/** Where UEFI boot files put the Windows Boot Manager on the EFI system partition (and boot entries point). */
export const WINDOWS_BOOT_MANAGER = 'EFI\\Microsoft\\Boot\\bootmgfw.efi';
const FALLBACK = { x64: 'bootx64.efi', arm64: 'bootaa64.efi', x86: 'bootia32.efi' } as const;

/** `EFI\Boot\bootx64.efi` and its siblings: the loader firmware starts when no boot entry works. */
export function fallbackLoader(architecture: Architecture): string {
  return `EFI\\Boot\\${FALLBACK[architecture]}`;
}

/** The little of a disk the choice reads (DiskFacts and a backend's own disk records both fit). */
export interface BootDiskShape {
  index: number;
  style: string;
  removable: boolean;
  partitions: readonly BootPartitionShape[];
}

export interface BootPartitionShape {
  role: string;
  active: boolean;
}

/** The EFI system partition UEFI boot files go to, with its disk; undefined when no GPT disk has one. */
export function findEfiSystemPartition<D extends BootDiskShape>(disks: readonly D[]): { disk: D; partition: D['partitions'][number] } | undefined {
  for (const disk of [...disks].sort((a, b) => a.index - b.index)) {
    const partition = disk.style === 'GPT' ? disk.partitions.find((p) => p.role === 'EFI') : undefined;
    if (partition) return { disk, partition };
  }
  return undefined;
}

/**
 * The disk BIOS firmware boots (the first fixed disk) and its active partition, which BIOS boot files go to;
 * undefined when there is no fixed disk, `partition` undefined when it has no active partition.
 */
export function findBiosBootDisk<D extends BootDiskShape>(disks: readonly D[]): { disk: D; partition?: D['partitions'][number] } | undefined {
  const disk = [...disks].sort((a, b) => a.index - b.index).find((d) => !d.removable);
  if (!disk) return undefined;
  const partition = disk.partitions.find((p) => p.active);
  return partition ? { disk, partition } : { disk };
}
