/**
 * DisksPort of the simulated machine: lists the disks from the saved state and applies a layout by writing real
 * partition table bytes into the disk's image. A formatted volume is an empty host folder: the image holds no file
 * system structures, only the table.
 */
import { rmSync } from 'node:fs';
import {
  firstLayoutProblem, layoutLetters, lettersInUse, TaskseqError, type AppliedLayout, type DiskFacts, type DisksPort, type PartitionFacts, type PartitionLayout,
  type PlannedPartition,
} from '../../../../engine/index.ts';
import {
  holdsVolume, renderSize, volumeFolderPath, type DiskState, type PartitionState,
} from './disk-state.ts';
import { writeDiskTable } from './disk-setup.ts';
import type { StorageHost } from './simulated-volumes.ts';
import { resetFolder, usedBytesOf } from '../../host-files/volume-files.ts';

function partitionFacts(host: StorageHost, disk: DiskState, p: PartitionState): PartitionFacts {
  const facts: PartitionFacts = {
    number: p.number, role: p.role, offsetBytes: p.offsetBytes, sizeBytes: p.sizeBytes, active: p.active,
  };
  if (holdsVolume(p)) {
    facts.volume = {
      fileSystem: p.fileSystem, label: p.label, sizeBytes: p.sizeBytes,
      usedBytes: usedBytesOf(volumeFolderPath(host.stateDir, disk.index, p.number)),
    };
    if (p.letter) facts.volume.letter = p.letter;
  }
  return facts;
}

/** Every disk as the engine sees it, by index. */
export function listDisks(host: StorageHost): DiskFacts[] {
  return [...host.storage().disks].sort((a, b) => a.index - b.index).map((d) => ({
    index: d.index, sizeBytes: d.sizeBytes, sectorSize: d.sectorSize, bus: d.bus, removable: d.removable,
    model: d.model, serialNumber: d.serialNumber, style: d.style,
    partitions: d.partitions.map((p) => partitionFacts(host, d, p)),
  }));
}

function findDisk(host: StorageHost, index: number): DiskState {
  const disk = host.storage().disks.find((d) => d.index === index);
  if (!disk) {
    const have = host.storage().disks.map((d) => d.index).join(', ') || 'none';
    throw new TaskseqError('unsupported', `disk ${index} does not exist on this machine (disks: ${have})`);
  }
  return disk;
}

/** Refuses a volume Windows will not format; the table writer refuses the rest of what the layout check finds. */
function checkFileSystems(disk: DiskState, layout: PartitionLayout): void {
  const problem = firstLayoutProblem(disk, layout, ['format']);
  if (!problem) return;
  const size = layout.partitions.find((p) => p.number === problem.number)!.sizeBytes;
  throw new TaskseqError('unsupported', `disk ${layout.diskIndex} partition ${problem.number}: ${problem.reason} (this one is ${renderSize(size)})`);
}

function partitionState(p: PlannedPartition): PartitionState {
  return {
    number: p.number, role: p.role, offsetBytes: p.offsetBytes, sizeBytes: p.sizeBytes, active: p.active,
    fileSystem: p.role === 'MSR' || p.role === 'Extended' ? 'RAW' : p.fileSystem ?? 'RAW', label: p.label ?? '',
  };
}

function assignLetters(host: StorageHost, disk: DiskState, layout: PartitionLayout): AppliedLayout['letters'] {
  const storage = host.storage();
  const used = lettersInUse(storage.disks, storage.opticalDrives, disk.index);
  const letters = layoutLetters(layout.partitions, used, host.inWinPE());
  for (const { number, letter } of letters) {
    if (letter) disk.partitions.find((x) => x.number === number)!.letter = letter;
  }
  return letters;
}

/**
 * Wipes the disk and writes the layout.
 * @throws TaskseqError('unsupported') for a missing disk, a FAT32 volume over 32 GiB, or a layout the table writer
 *   refuses (overlaps, too many primaries, beyond the disk); the disk is unchanged then
 */
export function applyLayout(host: StorageHost, layout: PartitionLayout): AppliedLayout {
  const disk = findDisk(host, layout.diskIndex);
  checkFileSystems(disk, layout);
  const next: DiskState = { ...disk, style: layout.style, partitions: layout.partitions.map(partitionState) };
  writeDiskTable(host.stateDir, next);
  for (const p of disk.partitions) rmSync(volumeFolderPath(host.stateDir, disk.index, p.number), { recursive: true, force: true });
  disk.style = next.style;
  disk.partitions = next.partitions;
  for (const p of disk.partitions.filter(holdsVolume)) resetFolder(volumeFolderPath(host.stateDir, disk.index, p.number));
  const letters = assignLetters(host, disk, layout);
  host.save();
  return { diskIndex: disk.index, letters };
}

/** The DisksPort over the machine's storage. */
export function createSimulatedDisks(host: StorageHost): DisksPort {
  return { list: () => listDisks(host), apply: async (layout) => applyLayout(host, layout) };
}
