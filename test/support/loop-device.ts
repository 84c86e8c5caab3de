/**
 * Loop devices over sparse files, the only block devices the Linux backend's tests touch: never a disk of the
 * machine they run on. Everything attached here is detached again, and the file deleted, whatever the test does.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BlockDevice } from '../../agent/backends/linux/block-device.ts';

/** The skip reason of a test that needs {@link loopDevicesAvailable}. */
export const LOOP_SKIP = 'needs root and loop devices (losetup)';

/** A sparse disk image attached as a loop device. */
export interface LoopDisk {
  /** The loop device, `/dev/loopN`. */
  path: string;
  /** The sparse image file behind it. */
  file: string;
  /** The temp folder holding `file`, deleted with it; a test may put its mount points here. */
  folder: string;
  sizeBytes: number;
  sectorSize: number;
  /**
   * Attaches one more loop device for the bytes of one partition (`losetup --offset --sizelimit`), as containers
   * without partition scanning give no `loopNp1` node. Detached with the disk.
   */
  partitionDevice(startBytes: number, sizeBytes: number): string;
}

export interface LoopDiskOptions {
  sizeBytes: number;
  /** Logical sector size of the loop device; 512 when absent. */
  sectorSize?: number;
  /** Folder the sparse image is made in (a fresh folder inside it); the system temp folder when absent. */
  parent?: string;
}

/** True when this process is root and `losetup` can find a free loop device. */
export function loopDevicesAvailable(): boolean {
  if (process.getuid?.() !== 0 || !existsSync('/dev/loop-control')) return false;
  const r = spawnSync('losetup', ['--find'], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.startsWith('/dev/loop');
}

/**
 * The skip reason of a loop test that also needs `tools` on the PATH: {@link LOOP_SKIP}, the tools that are missing,
 * or false when it can run.
 */
export function loopTestSkip(tools: readonly string[]): string | false {
  if (!loopDevicesAvailable()) return LOOP_SKIP;
  const missing = tools.filter((t) => spawnSync('sh', ['-c', `command -v ${t}`]).status !== 0);
  return missing.length ? `needs ${missing.join(', ')} (taskseq doctor --for tests --install)` : false;
}

/**
 * Runs `use` with a fresh sparse image of `sizeBytes` attached as a loop device. Afterwards, also when `use`
 * throws, every loop device over the image is detached (the ones made here and any the test attached itself) and
 * the temp folder is deleted; a cleanup failure is thrown unless `use` already threw.
 */
export async function withLoopDisk<T>(options: LoopDiskOptions, use: (disk: LoopDisk) => Promise<T>): Promise<T> {
  const folder = mkdtempSync(join(options.parent ?? tmpdir(), 'taskseq-loop-'));
  const file = join(folder, 'disk.img');
  const made: string[] = [];
  let result: T;
  try {
    writeFileSync(file, '');
    truncateSync(file, options.sizeBytes);
    const sectorSize = options.sectorSize ?? 512;
    const sectorArgs = options.sectorSize ? ['--sector-size', String(options.sectorSize)] : [];
    const path = attach([...sectorArgs, file], made);
    const partitionDevice = (startBytes: number, sizeBytes: number) =>
      attach([...sectorArgs, '--offset', String(startBytes), '--sizelimit', String(sizeBytes), file], made);
    result = await use({ path, file, folder, sizeBytes: options.sizeBytes, sectorSize, partitionDevice });
  } catch (e) {
    try {
      cleanUp(file, folder, made);
    } catch (cleanup) {
      throw new AggregateError([e, cleanup], `${(e as Error).message}; and then: ${(cleanup as Error).message}`);
    }
    throw e;
  }
  cleanUp(file, folder, made);
  return result;
}

/** The loop devices attached to `file` now, from `losetup --json`. */
export function loopDevicesOf(file: string): string[] {
  const out = execFileSync('losetup', ['--json', '--list', '--associated', file], { encoding: 'utf8' });
  if (out.trim() === '') return [];
  const list = (JSON.parse(out) as { loopdevices: { name: string }[] }).loopdevices;
  return list.map((d) => d.name);
}

/**
 * A {@link BlockDevice} for a loop device made here, from `losetup --json` and `blockdev --getsize64`: only what the
 * safety tests need (no partition table is read; give the partitions the test made).
 */
export function loopBlockDevice(path: string, partitions: BlockDevice['partitions'] = []): BlockDevice {
  const out = execFileSync('losetup', ['--json', '--list', '--output', 'NAME,BACK-FILE,OFFSET,SIZELIMIT,LOG-SEC,RO', path], { encoding: 'utf8' });
  const [loop] = (JSON.parse(out) as { loopdevices: LosetupRow[] }).loopdevices;
  const size = Number(execFileSync('blockdev', ['--getsize64', path], { encoding: 'utf8' }).trim());
  const sizeLimit = Number(loop.sizelimit);
  return {
    path, kind: 'loop', sizeBytes: size, logicalSectorSize: Number(loop['log-sec']), removable: false,
    readOnly: loop.ro === true || loop.ro === '1', model: '', serial: '',
    backing: { file: loop['back-file'], offsetBytes: Number(loop.offset), ...(sizeLimit > 0 ? { sizeLimitBytes: sizeLimit } : {}) },
    mountpoints: [], partitions,
  };
}

interface LosetupRow {
  name: string;
  'back-file': string;
  offset: number | string;
  sizelimit: number | string;
  'log-sec': number | string;
  ro: boolean | string;
}

function attach(args: readonly string[], made: string[]): string {
  const path = execFileSync('losetup', ['--find', '--show', ...args], { encoding: 'utf8' }).trim();
  made.push(path);
  return path;
}

/**
 * Detaches what is attached to `file` now, never a device by its number alone: a number this helper once had may
 * belong to someone else's loop by now. Partition loops go first (they were made last), then the disk, then any
 * loop the test attached to the file itself.
 */
function cleanUp(file: string, folder: string, made: readonly string[]): void {
  try {
    const attached = existsSync(file) ? loopDevicesOf(file) : [];
    const order = [...[...made].reverse().filter((d) => attached.includes(d)), ...attached.filter((d) => !made.includes(d))];
    for (const dev of order) spawnSync('losetup', ['--detach', dev], { encoding: 'utf8' });
    const left = existsSync(file) ? loopDevicesOf(file) : [];
    if (left.length > 0) throw new Error(`loop devices still attached to ${file}: ${left.join(', ')} (a file system on them still mounted?)`);
  } finally {
    // A recursive delete would walk into a file system the test left mounted here: leave the folder then.
    const mounted = mountsUnder(folder);
    if (mounted.length > 0) throw new Error(`${folder} kept: still mounted at ${mounted.join(', ')}`);
    rmSync(folder, { recursive: true, force: true });
  }
}

function mountsUnder(folder: string): string[] {
  return readFileSync('/proc/self/mountinfo', 'utf8').split('\n').map((l) => l.split(' ')[4])
    .filter((m): m is string => m !== undefined && m.startsWith(`${folder}/`));
}
