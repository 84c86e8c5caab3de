/**
 * The block devices the agent booted from and the ones beneath each mount: the two facts the disk safety checks need
 * about the running system besides the probe's device list.
 */
import { expandDevice, expandPath, type BlockTopology, type DeviceChain } from './device-chain.ts';
import type { MountFact } from './read-mounts.ts';

/** A mounted file system with every block device and image file beneath it. */
export interface MountedDevices {
  mountPoint: string;
  chain: DeviceChain;
}

/** What holds one path the agent runs from (`/`, its own file): the devices beneath it, or why none was found. */
export interface BootPath {
  path: string;
  chain: DeviceChain;
  /** Why no block device was found beneath the path (an overlay or tmpfs with nothing readable under it). */
  unresolved?: string;
}

/**
 * The block devices beneath each mount that reads one. A loop device's backing file is recorded but not followed:
 * the file system holding the file is a mount of its own.
 */
export function mountedDevices(mounts: readonly MountFact[], topology: BlockTopology): MountedDevices[] {
  const out: MountedDevices[] = [];
  for (const m of mounts) {
    const chain: DeviceChain = { devices: [], files: [] };
    const name = topology.blockName(m.majorMinor) ?? (m.source.startsWith('/dev/') ? topology.nameOfDevicePath(m.source) : undefined);
    if (name) expandDevice(name, topology, chain, { followFiles: false, mounts });
    else if (m.source.startsWith('/') && !m.source.startsWith('/dev/')) chain.files.push(m.source);
    if (chain.devices.length > 0 || chain.files.length > 0) out.push({ mountPoint: m.mountPoint, chain });
  }
  return out;
}

/**
 * What the agent booted from: for each of `paths` (`/` and the agent's own files), the block devices beneath it,
 * followed through partitions, device-mapper slaves, loop backing files and overlay layers.
 */
export function findBootDevices(paths: readonly string[], mounts: readonly MountFact[], topology: BlockTopology): BootPath[] {
  return paths.map((path) => {
    const chain: DeviceChain = { devices: [], files: [] };
    const unresolved = expandPath(path, topology, chain, { followFiles: true, mounts });
    return chain.devices.length > 0 || unresolved === undefined ? { path, chain } : { path, chain, unresolved };
  });
}
