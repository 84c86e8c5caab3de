/**
 * What lies beneath a block device or a path: partitions belong to their disk, a device-mapper device to its
 * slaves, a loop device to the file behind it, an overlay to its layers. The safety checks follow these links so
 * that a mount of `/dev/dm-0` makes the disk under it busy, and a `/` on a loop image makes the disk holding the
 * image the boot disk.
 */
import { existsSync, readFileSync, readdirSync, readlinkSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import type { MountFact } from './read-mounts.ts';

/** The block devices (`/dev/...`) and image files found beneath something, each once. */
export interface DeviceChain {
  devices: string[];
  files: string[];
}

/** The kernel's view of block devices, read from sysfs; injectable so tests describe any machine. */
export interface BlockTopology {
  /** `major:minor` of the file system holding `path` (its stat device), or undefined when it cannot be read. */
  deviceNumberOf(path: string): string | undefined;
  /** Kernel name of a block device number (`8:2` -> `sda2`); undefined for virtual file systems' numbers. */
  blockName(majorMinor: string): string | undefined;
  /** Kernel name of a device node, links resolved (`/dev/mapper/vg-root` -> `dm-0`). */
  nameOfDevicePath(path: string): string | undefined;
  /** The disk a partition belongs to (`sda2` -> `sda`); undefined for a whole device. */
  parentDisk(name: string): string | undefined;
  /** The devices a device-mapper or RAID device is built on (`dm-0` -> `sda2`). */
  slaves(name: string): string[];
  /** The file behind a loop device. */
  loopBackingFile(name: string): string | undefined;
}

export interface ExpandOptions {
  /** Follow a loop's backing file to the device holding it (for the boot disk, not for a mount). */
  followFiles: boolean;
  mounts: readonly MountFact[];
  depth?: number;
}

/** Loops of loops and overlays of overlays end somewhere; a longer chain is a cycle. */
const MAX_DEPTH = 8;

/** Adds device `name` and everything beneath it to `chain`. */
export function expandDevice(name: string, topology: BlockTopology, chain: DeviceChain, options: ExpandOptions): void {
  const path = `/dev/${name}`;
  if (chain.devices.includes(path) || (options.depth ?? 0) > MAX_DEPTH) return;
  chain.devices.push(path);
  const parent = topology.parentDisk(name);
  if (parent && !chain.devices.includes(`/dev/${parent}`)) chain.devices.push(`/dev/${parent}`);
  for (const slave of topology.slaves(name)) expandDevice(slave, topology, chain, options);
  const file = topology.loopBackingFile(name);
  if (file === undefined || chain.files.includes(file)) return;
  chain.files.push(file);
  if (options.followFiles) expandPath(file, topology, chain, { ...options, depth: (options.depth ?? 0) + 1 });
}

/**
 * Adds the block devices beneath the file system holding `path` to `chain`.
 * @returns why none was found, or undefined when one was
 */
export function expandPath(path: string, topology: BlockTopology, chain: DeviceChain, options: ExpandOptions): string | undefined {
  if ((options.depth ?? 0) > MAX_DEPTH) return `${path}: more than ${MAX_DEPTH} layers of devices`;
  const number = topology.deviceNumberOf(path);
  if (number === undefined) return `${path} cannot be read`;
  const name = topology.blockName(number);
  if (name) return void expandDevice(name, topology, chain, options);
  const mount = mountHolding(path, number, options.mounts);
  if (!mount) return `${path} is on device ${number}, which no mount names`;
  const sourceName = mount.source.startsWith('/dev/') ? topology.nameOfDevicePath(mount.source) : undefined;
  if (sourceName) return void expandDevice(sourceName, topology, chain, options);
  const what = `${path} is on ${mount.fsType} (${mount.source})`;
  if (mount.fsType !== 'overlay') return `${what} with no block device beneath it`;
  const before = chain.devices.length;
  const deeper = { ...options, depth: (options.depth ?? 0) + 1 };
  for (const dir of overlayLayers(mount.superOptions)) expandPath(dir, topology, chain, deeper);
  return chain.devices.length > before ? undefined : `${what} and no block device is readable beneath its layers`;
}

/** The mount with this device number whose mount point holds `path` most closely. */
function mountHolding(path: string, number: string, mounts: readonly MountFact[]): MountFact | undefined {
  const inside = (m: MountFact) => m.mountPoint === '/' || path === m.mountPoint || path.startsWith(`${m.mountPoint}/`);
  const candidates = mounts.filter((m) => m.majorMinor === number);
  return candidates.filter(inside).sort((a, b) => b.mountPoint.length - a.mountPoint.length)[0] ?? candidates[0];
}

/** An overlay's lower (colon-separated) and upper folders, from its super options. */
function overlayLayers(superOptions: string): string[] {
  return superOptions.split(',').flatMap((o) => {
    if (o.startsWith('lowerdir=')) return o.slice('lowerdir='.length).split(':');
    if (o.startsWith('upperdir=')) return [o.slice('upperdir='.length)];
    return [];
  }).filter(Boolean);
}

/** This machine's block devices as sysfs shows them. Reads only; a missing entry is an undefined answer. */
export function sysfsTopology(sys = '/sys'): BlockTopology {
  const attempt = <T>(read: () => T): T | undefined => {
    try {
      return read();
    } catch {
      return undefined;
    }
  };
  return {
    deviceNumberOf: (path) => attempt(() => deviceNumber(statSync(path, { bigint: true }).dev)),
    blockName: (majorMinor) => attempt(() => basename(readlinkSync(`${sys}/dev/block/${majorMinor}`))),
    nameOfDevicePath: (path) => attempt(() => {
      const name = basename(realpathSync(path));
      return existsSync(`${sys}/class/block/${name}`) ? name : undefined;
    }),
    parentDisk: (name) => attempt(() => (existsSync(`${sys}/class/block/${name}/partition`)
      ? basename(dirname(realpathSync(`${sys}/class/block/${name}`))) : undefined)),
    slaves: (name) => attempt(() => readdirSync(`${sys}/class/block/${name}/slaves`)) ?? [],
    loopBackingFile: (name) => attempt(() => readFileSync(`${sys}/block/${name}/loop/backing_file`, 'utf8').trim()),
  };
}

/** `major:minor` of a Linux device number as glibc encodes it. */
export function deviceNumber(dev: bigint): string {
  const major = ((dev >> 8n) & 0xfffn) | ((dev >> 32n) & ~0xfffn);
  const minor = (dev & 0xffn) | ((dev >> 12n) & ~0xffn);
  return `${major}:${minor}`;
}
