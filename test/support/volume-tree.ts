/** Comparing simulated volumes file by file in end-to-end tests. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Relative path (with `/`) -> file contents of a volume folder; the task sequence's working folder is left out. */
export function volumeTree(root: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = join(dir, name);
      if (/^_SMSTaskSequence$/i.test(name)) continue;
      if (statSync(full).isDirectory()) walk(full);
      else out.set(relative(root, full).replace(/\\/g, '/'), readFileSync(full, 'utf8'));
    }
  };
  walk(root);
  return out;
}

/** The folder of the first simulated volume (of disk 0 when `disk0Only`) that holds `Windows\System32`, or undefined. */
export function findWindowsVolume(runDir: string, disk0Only = false): string | undefined {
  const volumes = join(runDir, 'state', 'machine', 'volumes');
  const found = readdirSync(volumes).filter((v) => !disk0Only || v.startsWith('disk0-'))
    .find((v) => statSync(join(volumes, v, 'Windows', 'System32'), { throwIfNoEntry: false })?.isDirectory());
  return found ? join(volumes, found) : undefined;
}
