/**
 * Creates the simulated machine's storage on first start: a sparse image per disk with its partition table written
 * from the profile, and a folder per volume with the profile's seed files and folders.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { assignFullOsLetters, assignWinPELetters, gptNameOf, TaskseqError } from '../../../../engine/index.ts';
import type { MachineProfile } from '../profile/profile-types.ts';
import {
  diskImagePath, volumeFolderPath, holdsVolume, type DiskState, type StorageState,
} from './disk-state.ts';
import {
  clearPartitionTable, createDiskImage, writePartitionTable, type DiskGeometry, type TableEntry,
} from './partition-table.ts';
import { profileDiskState } from './profile-layout.ts';
import { findEntry, putFile, putFolder, resetFolder, splitVolumePath } from '../../host-files/volume-files.ts';

/** Disk ids (GPT disk GUID, MBR signature) derive from this, so the same machine always writes the same bytes. */
export function geometryOf(disk: DiskState): DiskGeometry {
  return { sizeBytes: disk.sizeBytes, sectorSize: disk.sectorSize, id: `${disk.index}:${disk.serialNumber}` };
}

/** The saved partitions are table entries already; GPT names are Windows' defaults for the role. */
export function tableEntriesOf(disk: DiskState): TableEntry[] {
  return disk.partitions.map((p) => ({ ...p, name: gptNameOf(p.role) }));
}

/**
 * Writes the disk's partition table (or clears it when the style is RAW) into its image.
 * @throws TaskseqError('unsupported') from the table writer when the layout is impossible
 */
export function writeDiskTable(stateDir: string, disk: DiskState): void {
  const image = diskImagePath(stateDir, disk.index);
  const geometry = geometryOf(disk);
  if (disk.style === 'RAW') return clearPartitionTable(image, geometry);
  try {
    writePartitionTable(image, geometry, disk.style, tableEntriesOf(disk));
  } catch (err) {
    // The writer names the disk by its id seed; users know disks by number.
    if (err instanceof TaskseqError) {
      throw new TaskseqError(err.code, err.message.replace(`disk '${geometry.id}'`, `disk ${disk.index}`), { cause: err });
    }
    throw err;
  }
}

function seedVolumes(stateDir: string, profile: MachineProfile, disk: DiskState): void {
  const source = (profile.disks ?? []).find((d) => d.index === disk.index);
  for (const p of disk.partitions.filter(holdsVolume)) {
    const root = volumeFolderPath(stateDir, disk.index, p.number);
    resetFolder(root);
    const seed = source?.partitions?.[p.number - 1];
    for (const folder of seed?.folders ?? []) putFolder(root, splitVolumePath(folder));
    for (const f of seed?.files ?? []) {
      putFile(root, splitVolumePath(f.path), f.content !== undefined ? { content: f.content } : { sizeBytes: f.sizeBytes ?? 0 });
    }
  }
}

/**
 * The storage of a fresh machine: images and volume folders under `stateDir` (anything left there from an earlier
 * machine is removed first), letters assigned for the environment the machine starts in.
 */
export function createProfileStorage(stateDir: string, profile: MachineProfile): StorageState {
  rmSync(join(stateDir, 'disks'), { recursive: true, force: true });
  rmSync(join(stateDir, 'volumes'), { recursive: true, force: true });
  mkdirSync(join(stateDir, 'volumes'), { recursive: true });
  const disks = (profile.disks ?? []).map(profileDiskState).sort((a, b) => a.index - b.index);
  for (const disk of disks) {
    createDiskImage(diskImagePath(stateDir, disk.index), disk.sizeBytes);
    writeDiskTable(stateDir, disk);
    seedVolumes(stateDir, profile, disk);
  }
  const optical = (profile.opticalDrives ?? []).map((o) => (o.letter ? { letter: o.letter.toUpperCase(), fixedLetter: o.letter.toUpperCase() } : { letter: '' }));
  const storage: StorageState = {
    disks, opticalDrives: optical,
    firmware: {
      mode: profile.firmware.mode, secureBoot: profile.firmware.secureBoot ?? false,
      bootEntries: (profile.firmware.bootEntries ?? []).map((e) => ({ ...e })),
      ...(profile.firmware.pendingMode ? { pendingMode: profile.firmware.pendingMode } : {}),
    },
  };
  assignInitialLetters(stateDir, profile, storage);
  return storage;
}

function assignInitialLetters(stateDir: string, profile: MachineProfile, storage: StorageState): void {
  assignWinPELetters(storage.disks, storage.opticalDrives);
  if (profile.environment.inWinPE || !profile.os) return;
  assignFullOsLetters(storage.disks, storage.opticalDrives, profile.os.systemDrive.toUpperCase(), findWindowsVolume(stateDir, storage.disks));
}

/** The first volume (disk, partition order) that holds `Windows\System32`. */
export function findWindowsVolume(stateDir: string, disks: readonly DiskState[]): { disk: number; partition: number } | undefined {
  for (const disk of [...disks].sort((a, b) => a.index - b.index)) {
    for (const p of disk.partitions.filter(holdsVolume)) {
      if (p.fileSystem === 'RAW') continue;
      if (hasEntry(stateDir, disk.index, p.number, 'Windows\\System32')) return { disk: disk.index, partition: p.number };
    }
  }
  return undefined;
}

function hasEntry(stateDir: string, disk: number, partition: number, path: string): boolean {
  return findEntry(volumeFolderPath(stateDir, disk, partition), splitVolumePath(path)) !== undefined;
}
