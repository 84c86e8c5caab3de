/** Reads, once before a live run decides its targets, what the disk safety checks need to know of this machine. */
import { realpathSync } from 'node:fs';
import { findBootDevices, mountedDevices, type BootPath, type MountedDevices } from './boot-devices.ts';
import { sysfsTopology, type BlockTopology } from './device-chain.ts';
import { readMounts } from './read-mounts.ts';

/** The running system as the safety checks see it. */
export interface SafetyFacts {
  /** `/` and the agent's own files, each with the devices beneath it. */
  boot: readonly BootPath[];
  /** Every mounted file system that reads a block device or an image file. */
  mounts: readonly MountedDevices[];
}

export interface SafetyFactsSources {
  /** The agent's own files: by default the script Node runs (`process.argv[1]`) and Node itself. */
  agentFiles?: readonly string[];
  mountinfoPath?: string;
  topology?: BlockTopology;
}

/** Reads mountinfo and sysfs; writes nothing and opens no device. */
export function readSafetyFacts(sources: SafetyFactsSources = {}): SafetyFacts {
  const mounts = readMounts(sources.mountinfoPath);
  const topology = sources.topology ?? sysfsTopology();
  const agentFiles = sources.agentFiles ?? [process.argv[1], process.execPath].filter((f): f is string => Boolean(f));
  const paths = ['/', ...agentFiles.map(realPath)];
  return { boot: findBootDevices([...new Set(paths)], mounts, topology), mounts: mountedDevices(mounts, topology) };
}

function realPath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}
