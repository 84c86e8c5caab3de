/**
 * Test support: a few lettered volumes as temp folders, a fake Windows tree, tree comparison and `wimlib-imagex`
 * helpers for building fixtures. Used by the imaging tests only.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import type { FileSystemKind } from '../../../../engine/index.ts';
import { usedBytesOf } from '../../host-files/volume-files.ts';
import type { BootEntry, BootVolume, SimulatedImagingDeps } from './imaging-deps.ts';

export interface FakeVolume {
  root: string;
  fileSystem: FileSystemKind;
  sizeBytes: number;
}

export interface FakeMachine {
  dir: string;
  volumes: Map<string, FakeVolume>;
  bootEntries: BootEntry[];
  deps: SimulatedImagingDeps;
  addVolume(letter: string, fileSystem?: FileSystemKind, sizeBytes?: number): string;
  cleanup(): void;
}

const GiB = 1024 ** 3;

/** A machine with lettered volumes under a temp folder; `esp`/`active` make boot volumes when given. */
export function createFakeMachine(options: { esp?: BootVolume; active?: BootVolume; disk?: boolean } = {}): FakeMachine {
  const dir = mkdtempSync(join(tmpdir(), 'taskseq-imaging-'));
  const volumes = new Map<string, FakeVolume>();
  const bootEntries: BootEntry[] = [];
  const deps: SimulatedImagingDeps = {
    volumeRoot: (letter) => volumes.get(letter.toUpperCase())?.root,
    volumeInfo: (letter) => {
      const v = volumes.get(letter.toUpperCase());
      return v && { fileSystem: v.fileSystem, sizeBytes: v.sizeBytes, usedBytes: usedBytesOf(v.root) };
    },
    architecture: 'x64',
    espFor: () => options.esp,
    bootDisk: () => (options.disk === false ? undefined : { disk: 0, active: options.active }),
    addBootEntry: (entry) => { bootEntries.push(entry); },
  };
  return {
    dir, volumes, bootEntries, deps,
    addVolume(letter, fileSystem = 'NTFS', sizeBytes = 64 * GiB) {
      const root = join(dir, 'volumes', letter.replace(':', ''));
      mkdirSync(root, { recursive: true });
      volumes.set(letter.toUpperCase(), { root, fileSystem, sizeBytes });
      return root;
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Writes a small Windows-like tree (text files, a few KiB of varied bytes) below `root`. */
export function writeFakeWindowsTree(root: string, flavour = 'pro'): void {
  const files: Record<string, string | Buffer> = {
    'Windows/System32/ntoskrnl.exe': Buffer.from(Array.from({ length: 8192 }, (_, i) => (i * 31) % 251)),
    'Windows/System32/config/SOFTWARE': `hive ${flavour}\n`,
    'Windows/System32/drivers/etc/hosts': '127.0.0.1 localhost\n',
    'Windows/explorer.exe': 'explorer\n',
    'Users/Default/NTUSER.DAT': 'default user hive\n',
    'Program Files/Common Files/readme.txt': `edition ${flavour}\n`,
    'ProgramData/empty.marker': '',
  };
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  mkdirSync(join(root, 'Windows', 'Temp'), { recursive: true });
}

/** Every file and folder below `root` as `relative path -> sha256` (folders: `dir`), sorted. */
export function snapshotTree(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const full = join(folder, entry.name);
      const rel = relative(root, full).split('\\').join('/');
      if (entry.isDirectory()) {
        out[rel] = 'dir';
        walk(full);
      } else {
        out[rel] = createHash('sha256').update(readFileSync(full)).digest('hex');
      }
    }
  };
  walk(root);
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
}

/** Runs `wimlib-imagex` for fixtures; throws with its output when it fails. */
export function wimlib(...args: string[]): string {
  const r = spawnSync('wimlib-imagex', args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`wimlib-imagex ${args.join(' ')}: ${r.stderr || r.stdout}`);
  return r.stdout;
}

/** The WIM's XML metadata as text (the tool prints it as UTF-16LE). */
export function wimXml(wim: string): string {
  const r = spawnSync('wimlib-imagex', ['info', wim, '--xml']);
  return r.stdout.toString('utf16le');
}
