/**
 * Builds small WIM files for tests with wimlib-imagex from fake Windows trees in temp folders (no binary fixtures are
 * committed), and reads `wimlib-imagex info` to compare against.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A temp folder removed by `dispose()`. */
export interface TempDir {
  path: string;
  dispose(): void;
}

export function createTempDir(): TempDir {
  const path = mkdtempSync(join(tmpdir(), 'taskseq-wim-'));
  return { path, dispose: () => rmSync(path, { recursive: true, force: true }) };
}

/**
 * Writes a fake Windows tree under `root`: a registry-hive-named file, a few small files and `bigFiles` files of
 * random (incompressible) data of `bigFileBytes` each, so split and chunk tests get predictable sizes.
 */
export function writeFakeWindowsTree(root: string, options: { bigFiles?: number; bigFileBytes?: number } = {}): string {
  mkdirSync(join(root, 'Windows', 'System32', 'config'), { recursive: true });
  mkdirSync(join(root, 'Users', 'Default'), { recursive: true });
  writeFileSync(join(root, 'Windows', 'System32', 'config', 'SOFTWARE'), 'not a real hive');
  writeFileSync(join(root, 'Windows', 'System32', 'kernel.txt'), 'kernel '.repeat(100));
  writeFileSync(join(root, 'Users', 'Default', 'ntuser.txt'), 'profile');
  for (let i = 0; i < (options.bigFiles ?? 0); i++) {
    writeFileSync(join(root, 'Windows', `blob${i}.bin`), randomBytes(options.bigFileBytes ?? 65536));
  }
  return root;
}

/** Runs wimlib-imagex and returns its standard output. */
export function wimlib(...args: string[]): string {
  return execFileSync('wimlib-imagex', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** `wimlib-imagex capture TREE WIM NAME [DESCRIPTION] OPTIONS...` */
export function captureWim(tree: string, wim: string, name: string, options: string[] = [], description?: string): string {
  wimlib('capture', tree, wim, name, ...(description !== undefined ? [description] : []), ...options);
  return wim;
}

/** What `wimlib-imagex info` says about a file and its images (fields by their printed labels). */
export interface WimlibInfo {
  fields: Record<string, string>;
  images: Array<Record<string, string>>;
}

export function readWimlibInfo(wim: string): WimlibInfo {
  const info: WimlibInfo = { fields: {}, images: [] };
  let target = info.fields;
  for (const line of wimlib('info', wim).split('\n')) {
    const m = /^([A-Za-z][A-Za-z ]*?):\s*(.*)$/.exec(line);
    if (!m) continue;
    if (m[1] === 'Index') {
      target = {};
      info.images.push(target);
    }
    target[m[1]] = m[2].trim();
  }
  return info;
}

/** wimlib prints the GUID as `0x` and the 16 bytes in file order; this is that form of a `8-4-4-4-12` GUID. */
export function guidAsFileHex(guid: string): string {
  const hex = guid.replace(/-/g, '').toLowerCase();
  const swap = (s: string): string => s.match(/../g)!.reverse().join('');
  return `0x${swap(hex.slice(0, 8))}${swap(hex.slice(8, 12))}${swap(hex.slice(12, 16))}${hex.slice(16)}`;
}
