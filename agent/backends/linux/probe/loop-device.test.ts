// The probe against a real loop device over a sparse file: never a disk of this machine.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GPT_TYPE } from '../../../../engine/index.ts';
import type { ProcessRequest, ProcessResult } from '../../process/process-types.ts';
import { diskFactsFrom } from './disk-facts-from.ts';
import { readBlockDevices } from './read-block-devices.ts';

const MiB = 1048576;
const TOOLS = ['losetup', 'sfdisk', 'mkfs.fat', 'blkid', 'lsblk'];

function whyNot(): string | false {
  if (process.platform !== 'linux') return 'loop devices are Linux only';
  if (process.getuid?.() !== 0) return 'attaching loop devices needs root';
  const missing = TOOLS.filter((tool) => {
    try { execFileSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' }); return false; } catch { return true; }
  });
  return missing.length > 0 ? `missing ${missing.join(', ')}` : false;
}

/** The smallest runner that does the job here; live runs use the backend's process runner. */
function run(request: ProcessRequest): Promise<ProcessResult> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    execFile(request.argv[0]!, request.argv.slice(1), { encoding: 'utf8', timeout: request.timeoutMs }, (err, stdout, stderr) => {
      if (err && typeof err.code !== 'number' && !err.killed) return reject(err);
      resolve({ exitCode: typeof err?.code === 'number' ? err.code : err ? -1 : 0, stdout, stderr,
        killed: err?.killed ?? false, durationMs: Date.now() - started });
    });
  });
}

function sh(argv: string[], input?: string): string {
  return execFileSync(argv[0]!, argv.slice(1), { encoding: 'utf8', input, stdio: ['pipe', 'pipe', 'pipe'] }).trim();
}

/** Other work may attach and detach loop devices while the probe runs: a device that vanished mid-probe is retried. */
async function probeUntilStable() {
  for (let attempt = 1; ; attempt++) {
    try {
      return await readBlockDevices(run);
    } catch (err) {
      if (attempt === 3) throw err;
    }
  }
}

test('a GPT loop disk with a FAT32 EFI partition made by sfdisk and mkfs.fat', { skip: whyNot() }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'taskseq-probe-'));
  const attached: string[] = [];
  try {
    const image = join(dir, 'disk.img');
    writeFileSync(image, '');
    truncateSync(image, 64 * MiB);
    const disk = sh(['losetup', '--find', '--show', image]);
    attached.push(disk);
    sh(['sfdisk', '--quiet', '--no-reread', '--no-tell-kernel', disk], [
      'label: gpt', 'unit: sectors', '',
      `start=2048, size=${(16 * MiB) / 512}, type=${GPT_TYPE.efiSystem}`,
      `start=${(17 * MiB) / 512}, type=${GPT_TYPE.basicData}`, '',
    ].join('\n'));
    const esp = sh(['losetup', '--find', '--show', '--offset', String(MiB), '--sizelimit', String(16 * MiB), disk]);
    attached.push(esp);
    sh(['mkfs.fat', '-F', '32', '-n', 'SYSTEM', esp]);
    sh(['losetup', '--detach', attached.pop()!]);

    const devices = await probeUntilStable();
    const index = devices.findIndex((d) => d.path === disk);
    assert.ok(index >= 0, `${disk} is among ${devices.map((d) => d.path).join(', ')}`);
    assert.deepEqual(devices[index]!.backing, { file: image, offsetBytes: 0 });
    const facts = diskFactsFrom(devices)[index]!;
    assert.deepEqual([facts.style, facts.bus, facts.sizeBytes, facts.sectorSize], ['GPT', 'Virtual', 64 * MiB, 512]);
    // sfdisk ends "the rest" on its 1 MiB grain before the backup GPT: 63 MiB.
    assert.deepEqual(facts.partitions.map((p) => [p.number, p.role, p.offsetBytes, p.sizeBytes, p.volume?.fileSystem, p.volume?.label]), [
      [1, 'EFI', MiB, 16 * MiB, 'FAT32', 'SYSTEM'], [2, 'Primary', 17 * MiB, 46 * MiB, 'RAW', ''],
    ]);
  } finally {
    for (const device of attached.reverse()) {
      try { sh(['losetup', '--detach', device]); } catch { /* already gone */ }
    }
    rmSync(dir, { recursive: true, force: true });
  }
});
