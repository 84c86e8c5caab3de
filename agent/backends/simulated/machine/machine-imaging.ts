/** Wires the simulated imaging backend to the machine: volumes by letter, the ESP, the BIOS boot disk, the run's shares. */
import { findBiosBootDisk, findEfiSystemPartition, type ApplyImageRequest, type Architecture, type ImagingPort } from '../../../../engine/index.ts';
import { identityFromImage } from '../windows/identity.ts';
import { holdsWindows, newWindowsState, readWindowsState, writeWindowsState } from '../windows/windows-state.ts';
import { lookupVolume, type SimulatedVolumes, type StorageHost } from '../disks/simulated-volumes.ts';
import { volumeFolderPath, type DiskState, type PartitionState } from '../disks/disk-state.ts';
import { createSimulatedImaging, type BootVolume } from '../imaging/index.ts';
import type { ConnectedShare } from '../../host-files/shares.ts';

function bootVolume(host: StorageHost, disk: DiskState, p: PartitionState): BootVolume {
  return {
    root: volumeFolderPath(host.stateDir, disk.index, p.number), disk: disk.index, partition: p.number,
    fileSystem: p.fileSystem, ...(p.letter ? { letter: p.letter } : {}),
  };
}

/**
 * A stock image carries no simulated registry: give the applied installation one from the image's metadata, as a
 * real image's hives would describe it (generalized, ready for Windows Setup).
 */
function recordAppliedWindows(port: ImagingPort, host: StorageHost, request: ApplyImageRequest, architecture: string): void {
  const root = lookupVolume(host, request.target)?.root;
  if (!root || !holdsWindows(root) || readWindowsState(root)) return;
  const image = port.inspect(request.path).images.find((i) => i.index === request.index);
  if (image) writeWindowsState(root, newWindowsState(identityFromImage(image, architecture)));
}

export function createMachineImaging(host: StorageHost, volumes: SimulatedVolumes, architecture: Architecture, shares: readonly ConnectedShare[] = []): ImagingPort {
  const port = createBaseImaging(host, volumes, architecture, shares);
  return {
    ...port,
    apply: async (request) => {
      const done = await port.apply(request);
      recordAppliedWindows(port, host, request, architecture);
      return done;
    },
  };
}

function createBaseImaging(host: StorageHost, volumes: SimulatedVolumes, architecture: Architecture, shares: readonly ConnectedShare[]): ImagingPort {
  return createSimulatedImaging({
    volumeRoot: (letter) => lookupVolume(host, letter)?.root,
    shares,
    volumeInfo: (letter) => {
      const ref = lookupVolume(host, letter);
      return ref ? { fileSystem: ref.partition.fileSystem, sizeBytes: ref.partition.sizeBytes, usedBytes: volumes.usedBytes(letter) } : undefined;
    },
    architecture,
    espFor: () => {
      const found = findEfiSystemPartition(host.storage().disks);
      return found ? bootVolume(host, found.disk, found.partition) : undefined;
    },
    bootDisk: () => {
      const found = findBiosBootDisk(host.storage().disks);
      if (!found) return undefined;
      return { disk: found.disk.index, ...(found.partition ? { active: bootVolume(host, found.disk, found.partition) } : {}) };
    },
    addBootEntry: (entry) => {
      const firmware = host.storage().firmware;
      const same = (e: typeof entry) => e.disk === entry.disk && e.partition === entry.partition && e.path.toLowerCase() === entry.path.toLowerCase();
      firmware.bootEntries = [entry, ...firmware.bootEntries.filter((e) => !same(e))];
      host.save();
    },
  });
}
