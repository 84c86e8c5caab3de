/** Imaging measurement: applying a ~1 GiB image through the engine's Apply OS step versus wimlib-imagex alone. */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { timedRun } from './engine-bench.ts';
import { UEFI_LAYOUT, partitionDisk, sequence } from '../test/support/sequence-builder.ts';

const FILES = 64;
const FILE_BYTES = 16 * 1024 * 1024;

/** Builds content/LAB00100/install.wim from a 1 GiB tree of incompressible files. */
export function buildImage(dir: string): string {
  const tree = join(dir, 'tree');
  mkdirSync(join(tree, 'Windows', 'System32'), { recursive: true });
  writeFileSync(join(tree, 'Windows', 'System32', 'kernel.txt'), 'kernel');
  // The UEFI boot manager an image carries, which a live backend copies to the EFI system partition.
  mkdirSync(join(tree, 'Windows', 'Boot', 'EFI'), { recursive: true });
  writeFileSync(join(tree, 'Windows', 'Boot', 'EFI', 'bootmgfw.efi'), 'boot manager');
  for (let i = 0; i < FILES; i++) writeFileSync(join(tree, 'Windows', `blob${i}.bin`), randomBytes(FILE_BYTES));
  const content = join(dir, 'content');
  mkdirSync(join(content, 'LAB00100'), { recursive: true });
  execFileSync('wimlib-imagex', ['capture', tree, join(content, 'LAB00100', 'install.wim'), 'Bench', '--compress=XPRESS'], { stdio: 'ignore' });
  rmSync(tree, { recursive: true, force: true });
  return content;
}

export const APPLY = `<step type="SMS_TaskSequence_ApplyOperatingSystemAction" name="Apply" runIn="WinPE" successCodeList="0"><action>OSDApplyOS.exe</action><defaultVarList><variable name="ImagePackageID" property="ImagePackageID">LAB00100</variable><variable name="OSDImageIndex" property="ImageIndex">1</variable><variable name="DestinationVariable" property="DestinationVariable">OSDisk</variable></defaultVarList></step>`;

/** Milliseconds of the Apply step (engine + port + wimlib) and of `wimlib-imagex apply` alone, best of `runs`. */
export async function applyThroughEngine(runs = 2): Promise<{ engine: number; wimlib: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'taskseq-bench-image-'));
  try {
    const content = buildImage(dir);
    const xml = sequence([partitionDisk('Partition', 'GPT', UEFI_LAYOUT), APPLY]);
    const engine: number[] = [];
    const wimlib: number[] = [];
    for (let i = 0; i < runs; i++) {
      const target = join(dir, `plain${i}`);
      const t = performance.now();
      execFileSync('wimlib-imagex', ['apply', join(content, 'LAB00100', 'install.wim'), '1', target, '--no-acls'], { stdio: 'ignore' });
      wimlib.push(performance.now() - t);
      rmSync(target, { recursive: true, force: true });
      const r = await timedRun(xml, content);
      engine.push(r.results[1] - r.starts[1]);
    }
    return { engine: Math.min(...engine), wimlib: Math.min(...wimlib) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
