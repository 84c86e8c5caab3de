/**
 * Apply OS through the Linux live backend onto a loop device (partition loop, NTFS-3G mode) versus
 * `wimlib-imagex apply` alone onto the same kind of target: an NTFS partition of a loop disk made the same way.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { runDeployment } from '../agent/runner/run-deployment.ts';
import { loopDevicesAvailable, withLoopDisk } from '../test/support/loop-device.ts';
import { partitionDisk, sequence, type PartitionSpec } from '../test/support/sequence-builder.ts';
import { APPLY, buildImage } from './imaging-bench.ts';

const MIB = 1024 * 1024;
const DISK_BYTES = 3072 * MIB;

/**
 * The loop disks' images live in memory where the machine has it (`/dev/shm`): on the host disk, its write-back made
 * the same wimlib apply take 5.0 to 7.0 s from one run to the next, more than the overhead being measured.
 */
const IMAGE_PARENT = existsSync('/dev/shm') ? '/dev/shm' : undefined;
const loopDisk = { sizeBytes: DISK_BYTES, ...(IMAGE_PARENT ? { parent: IMAGE_PARENT } : {}) };
const LAYOUT: PartitionSpec[] = [
  { type: 'EFI', fileSystem: 'FAT32', size: '100', units: 'MB', volumeName: 'System' },
  { type: 'MSR', size: '16', units: 'MB' },
  { type: 'Primary', fileSystem: 'NTFS', size: '100', units: '%', volumeName: 'Windows', letterVariable: 'OSDisk' },
];

/**
 * Best of `runs` each, taken in turns (the host disk's write-back makes single applies vary by tens of per cent).
 * Undefined when this machine cannot attach loop devices (the row then says it was not measured).
 */
export async function applyThroughLinuxBackend(runs = 3): Promise<{ engine: number; wimlib: number } | undefined> {
  if (!loopDevicesAvailable()) return undefined;
  const dir = mkdtempSync(join(tmpdir(), 'taskseq-bench-linux-'));
  try {
    const content = buildImage(dir);
    const wim = join(content, 'LAB00100', 'install.wim');
    const file = join(dir, 'ts.xml');
    writeFileSync(file, sequence([partitionDisk('Partition', 'GPT', LAYOUT), APPLY]));
    const engine: number[] = [];
    const wimlib: number[] = [];
    for (let i = 0; i < runs; i++) {
      wimlib.push(await withLoopDisk(loopDisk, async (disk) => {
        const volume = disk.partitionDevice(200 * MIB, DISK_BYTES - 201 * MIB);
        execFileSync('mkfs.ntfs', ['--quick', '--force', volume], { stdio: 'ignore' });
        const t = performance.now();
        execFileSync('wimlib-imagex', ['apply', wim, '1', volume], { stdio: 'ignore' });
        // The live backend flushes what it wrote before it reports the step done; so does the baseline.
        execFileSync('blockdev', ['--flushbufs', volume], { stdio: 'ignore' });
        return performance.now() - t;
      }));
      engine.push(await withLoopDisk(loopDisk, async (disk) => applyStepMs(file, content, disk.path, join(dir, `run${i}`))));
    }
    return { engine: Math.min(...engine), wimlib: Math.min(...wimlib) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Milliseconds from the Apply step's start to its result in a live run. */
async function applyStepMs(file: string, content: string, device: string, dir: string): Promise<number> {
  const at: Record<string, number> = {};
  const report = await runDeployment({
    input: { file, variables: [], allowUnknownSteps: false },
    content: { folder: content },
    machine: { backend: 'linux', targetDisks: [device], firmware: 'UEFI', strictCommands: false },
    output: {
      stateDir: join(dir, 'state'), logDir: join(dir, 'logs'), logFormat: 'cmtrace', reset: true,
      onEvent: (e) => { if ((e.kind === 'step-start' || e.kind === 'step-result') && e.index === 1) at[e.kind] = performance.now(); },
    },
  });
  if (report.status !== 'succeeded') throw new Error(`the live run failed: ${report.message ?? JSON.stringify(report.steps.at(-1))}`);
  return at['step-result']! - at['step-start']!;
}
