/** Wires the simulated imaging backend to the machine's storage: volumes by letter, the ESP, the BIOS boot disk. */
import type { Architecture, ImagingPort } from '../../../engine/index.ts';
import { lookupVolume, type SimulatedVolumes, type StorageHost } from './disks/simulated-volumes.ts';
import { volumeFolderPath, type DiskState, type PartitionState } from './disks/disk-state.ts';
import { createSimulatedImaging, type BootVolume } from './imaging/index.ts';

function bootVolume(host: StorageHost, disk: DiskState, p: PartitionState): BootVolume {
  return {
    root: volumeFolderPath(host.stateDir, disk.index, p.number), disk: disk.index, partition: p.number,
    fileSystem: p.fileSystem, ...(p.letter ? { letter: p.letter } : {}),
  };
}

export function createMachineImaging(host: StorageHost, volumes: SimulatedVolumes, architecture: Architecture): ImagingPort {
  const disks = () => [...host.storage().disks].sort((a, b) => a.index - b.index);
  return createSimulatedImaging({
    volumeRoot: (letter) => lookupVolume(host, letter)?.root,
    volumeInfo: (letter) => {
      const ref = lookupVolume(host, letter);
      return ref ? { fileSystem: ref.partition.fileSystem, sizeBytes: ref.partition.sizeBytes, usedBytes: volumes.usedBytes(letter) } : undefined;
    },
    architecture,
    espFor: () => {
      for (const d of disks()) {
        const esp = d.style === 'GPT' ? d.partitions.find((p) => p.role === 'EFI') : undefined;
        if (esp) return bootVolume(host, d, esp);
      }
      return undefined;
    },
    bootDisk: () => {
      const d = disks().find((x) => !x.removable);
      if (!d) return undefined;
      const active = d.partitions.find((p) => p.active);
      return { disk: d.index, ...(active ? { active: bootVolume(host, d, active) } : {}) };
    },
    addBootEntry: (entry) => {
      const firmware = host.storage().firmware;
      const same = (e: typeof entry) => e.disk === entry.disk && e.partition === entry.partition && e.path.toLowerCase() === entry.path.toLowerCase();
      firmware.bootEntries = [entry, ...firmware.bootEntries.filter((e) => !same(e))];
      host.save();
    },
  });
}
