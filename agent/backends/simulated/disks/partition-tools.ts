/**
 * Reads a disk image with the standard Linux tools (sfdisk, sgdisk, fdisk), so tests can check that the simulated
 * tables are the real thing. 4096-byte-sector images need either a loop device with that sector size (root only)
 * or `fdisk -b 4096`, because sfdisk and sgdisk assume 512-byte sectors in plain files.
 */
import { execFileSync } from 'node:child_process';

/** One partition as the tools report it (sectors of the image's sector size). */
export interface ToolPartition {
  number: number;
  start: number;
  size: number;
  /** MBR id in lower-case hex without 0x (`7`, `ef`) or the GPT type GUID. */
  type: string;
  bootable?: boolean;
  attrs?: string;
  name?: string;
  uuid?: string;
}

export interface ToolTable {
  label: 'dos' | 'gpt';
  sectorSize: number;
  partitions: ToolPartition[];
}

interface SfdiskJson {
  partitiontable: { label: 'dos' | 'gpt'; sectorsize: number; partitions?: Array<ToolPartition & { node: string }> };
}

/**
 * `sfdisk --json` of an image or device.
 * @returns undefined when sfdisk finds no partition table
 */
export function readWithSfdisk(target: string): ToolTable | undefined {
  let out: string;
  try {
    out = execFileSync('sfdisk', ['--json', target], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    if (/does not contain a recognized partition table/.test(String((error as { stderr?: unknown }).stderr))) return undefined;
    throw error;
  }
  if (out.trim() === '') return undefined;
  const table = (JSON.parse(out) as SfdiskJson).partitiontable;
  const partitions = (table.partitions ?? []).map(({ node, ...p }) => ({ ...p, number: Number(/(\d+)$/.exec(node)![1]) }));
  return { label: table.label, sectorSize: table.sectorsize, partitions };
}

/** `sfdisk --verify` output (exit code 0 either way; problems are reported in the text). */
export function verifyWithSfdisk(target: string): string {
  return execFileSync('sfdisk', ['--verify', target], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** `sgdisk --verify` output (stdout and stderr). */
export function verifyWithSgdisk(target: string): string {
  return execFileSync('sgdisk', ['--verify', target], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** `fdisk -b <sectorSize> -l` of a plain image, parsed (works for 4096-byte sectors without a loop device). */
export function readWithFdisk(image: string, sectorSize: number, label: 'dos' | 'gpt'): ToolTable {
  const columns = label === 'gpt' ? 'Device,Start,Sectors,Type-UUID,Attrs' : 'Device,Start,Sectors,Id,Boot';
  const out = execFileSync('fdisk', ['-b', String(sectorSize), '-l', '-o', columns, image], { encoding: 'utf8' });
  const rows = out.split('\n').filter((l) => l.startsWith(image));
  const partitions = rows.map((row): ToolPartition => {
    const [device, start, size, type, ...rest] = row.trim().split(/\s+/);
    const base = { number: Number(/(\d+)$/.exec(device)![1]), start: Number(start), size: Number(size), type };
    if (label === 'dos') return { ...base, bootable: rest[0] === '*' };
    return rest.length > 0 ? { ...base, attrs: rest.join(' ') } : base;
  });
  return { label, sectorSize, partitions };
}

/**
 * Runs `use` on a read-only loop device of the image with the given logical sector size.
 * @returns undefined (without calling `use`) when loop devices are not available (not root, no loop driver)
 */
export function withLoopDevice<T>(image: string, sectorSize: number, use: (device: string) => T): T | undefined {
  if (process.getuid?.() !== 0) return undefined;
  let device: string;
  try {
    device = execFileSync('losetup', ['--find', '--show', '--read-only', '--sector-size', String(sectorSize), image], {
      encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'],
    }).trim();
  } catch {
    return undefined;
  }
  try {
    return use(device);
  } finally {
    execFileSync('losetup', ['--detach', device]);
  }
}
