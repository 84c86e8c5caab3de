/**
 * The simulated machine as it is now, in the profile's JSON form: environment, clock, firmware (mode, boot entries,
 * a pending switch), optical drive letters and the disks with their partitions, letters and files, so that the final
 * states of two runs can be diffed.
 */
import { relative, sep } from 'node:path';
import { walkNoFollow } from '../../host-files/no-follow.ts';
import { holdsVolume, volumeFolderPath, type DiskState, type PartitionState } from '../disks/disk-state.ts';
import type { MachineState } from './machine-state.ts';
import type { DiskProfile, MachineProfile, PartitionProfile, SeedFileProfile } from '../profile/profile-types.ts';

const MiB = 1024 * 1024;

/**
 * Files (with sizes) and empty folders below `root`, as volume-relative paths, sorted. Symbolic links are left out:
 * a profile cannot declare one, and following one would describe a host folder as part of the volume.
 */
function walk(root: string): { files: SeedFileProfile[]; folders: string[] } {
  const entries = walkNoFollow(root).filter((e) => e.kind === 'file' || e.kind === 'folder');
  const rel = (path: string) => relative(root, path).split(sep).join('\\');
  const files = entries.filter((e) => e.kind === 'file').map((e) => ({ path: rel(e.path), sizeBytes: e.size }));
  // The walk is depth first, so a folder's contents, if any, come right after it.
  const folders = entries.filter((e, i) => e.kind === 'folder' && !entries[i + 1]?.path.startsWith(e.path + sep))
    .map((f) => rel(f.path));
  return { files, folders };
}

function partitionProfile(stateDir: string, disk: DiskState, p: PartitionState): PartitionProfile {
  const out: PartitionProfile = {
    role: p.role as PartitionProfile['role'], sizeMB: Math.floor(p.sizeBytes / MiB), fileSystem: p.fileSystem,
    label: p.label, active: p.active,
  };
  if (p.letter) out.letter = p.letter;
  if (holdsVolume(p)) {
    const content = walk(volumeFolderPath(stateDir, disk.index, p.number));
    if (content.files.length > 0) out.files = content.files;
    if (content.folders.length > 0) out.folders = content.folders;
  }
  return out;
}

function diskProfile(stateDir: string, d: DiskState): DiskProfile {
  return {
    index: d.index, sizeBytes: d.sizeBytes, sectorSize: d.sectorSize, bus: d.bus, removable: d.removable,
    model: d.model, serialNumber: d.serialNumber, style: d.style,
    partitions: d.partitions.map((p) => partitionProfile(stateDir, d, p)),
  };
}

/**
 * The machine now as a profile. Partitions are listed with whole-MiB sizes (their offsets are in the disk image);
 * extended and logical partitions are shown with those roles although a profile may not declare them.
 */
export function renderFinalState(profile: MachineProfile, state: MachineState, nowMs: number, stateDir: string): MachineProfile {
  const out = structuredClone(profile);
  const firmware = state.storage.firmware;
  out.environment = { ...out.environment, ...structuredClone(state.environment) };
  out.firmware = {
    ...out.firmware, mode: firmware.mode, secureBoot: firmware.secureBoot, clock: new Date(nowMs).toISOString(),
    bootEntries: firmware.bootEntries.map((e) => ({ ...e })),
  };
  if (firmware.pendingMode) out.firmware.pendingMode = firmware.pendingMode;
  else delete out.firmware.pendingMode;
  out.disks = state.storage.disks.map((d) => diskProfile(stateDir, d));
  if (state.storage.opticalDrives.length > 0) {
    out.opticalDrives = state.storage.opticalDrives.map((o) => (o.letter ? { letter: o.letter } : {}));
  }
  return out;
}
