/**
 * NTFS volumes on loop devices for the imaging tests, and what is on them read with tools taskseq does not use to
 * write them: ntfs-3g mounts (unmounted in `finally`), `ntfsls`, `wimlib-imagex dir|extract`.
 */
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';

/** Names NTFS keeps at a volume's root for itself: not part of any image. */
export const NTFS_OWN = ['System Volume Information'];

/** Formats `device` as NTFS (quick, no questions). */
export function formatNtfs(device: string, label = 'Windows'): void {
  execFileSync('mkfs.ntfs', ['--quick', '--force', '--label', label, device], { stdio: 'ignore' });
}

export interface MountOptions {
  readOnly: boolean;
  /** Named data streams as `file:stream` names (ntfs-3g `streams_interface=windows`). */
  streams?: boolean;
}

/** Mounts `device` with ntfs-3g at a fresh folder under `parent`, runs `use`, and always unmounts. */
export async function withNtfsMount<T>(device: string, parent: string, options: MountOptions, use: (root: string) => Promise<T> | T): Promise<T> {
  const root = mkdtempSync(join(parent, 'mnt-'));
  const flags = [...(options.readOnly ? ['ro'] : []), ...(options.streams ? ['streams_interface=windows'] : [])];
  execFileSync('ntfs-3g', [...(flags.length > 0 ? ['-o', flags.join(',')] : []), device, root]);
  try {
    return await use(root);
  } finally {
    execFileSync('umount', [root]);
    rmSync(root, { recursive: true, force: true });
  }
}

/** Every file under `root` as `/`-separated path -> SHA-256 of its bytes, leaving out {@link NTFS_OWN}. */
export function treeHashes(root: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const full = join(dir, name);
      const path = relative(root, full).split(sep).join('/');
      if (NTFS_OWN.includes(path)) continue;
      if (statSync(full).isDirectory()) walk(full);
      else out.set(path, createHash('sha256').update(readFileSync(full)).digest('hex'));
    }
  };
  walk(root);
  return out;
}

/** The files of image `index` with their hashes, extracted by wimlib-imagex into a temp folder. */
export function wimTreeHashes(wim: string, index: number, refs: readonly string[] = []): Map<string, string> {
  const dest = mkdtempSync(join(tmpdir(), 'taskseq-extract-'));
  try {
    execFileSync('wimlib-imagex', ['extract', wim, String(index), `--dest-dir=${dest}`, '--no-acls', ...refs.map((r) => `--ref=${r}`)], { stdio: 'ignore' });
    return treeHashes(dest);
  } finally {
    rmSync(dest, { recursive: true, force: true });
  }
}

/** The paths `wimlib-imagex dir` lists for image `index` (`/Windows/System32`, ...; sorted), the root left out. */
export function wimDir(wim: string, index: number): string[] {
  return execFileSync('wimlib-imagex', ['dir', wim, String(index)], { encoding: 'utf8' }).split('\n').filter((l) => l !== '' && l !== '/').sort();
}

/** The paths `ntfsls -R` lists on the unmounted volume (sorted), `/`-prefixed as `wimlib-imagex dir` prints them. */
export function ntfsList(device: string): string[] {
  // ntfsls also lists `./` and `../` in subfolders, and warns about each folder on standard error.
  const out = execFileSync('ntfsls', ['--recursive', '--classify', device], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  const paths: string[] = [];
  let dir = '';
  for (const line of out.split('\n')) {
    if (line === '') continue;
    const heading = /^(\/.*):$/.exec(line);
    if (heading) { dir = heading[1].replace(/\/$/, ''); continue; }
    if (line === './' || line === '../') continue;
    paths.push(`${dir}/${line.replace(/\/$/, '')}`);
  }
  return paths.sort();
}

/** A tree of `files` (path -> bytes) in a fresh folder under `parent`. */
export function writeTree(parent: string, files: Readonly<Record<string, Buffer | string>>): string {
  const root = mkdtempSync(join(parent, 'tree-'));
  for (const [path, bytes] of Object.entries(files)) {
    const file = join(root, ...path.split('/'));
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, bytes);
  }
  return root;
}
