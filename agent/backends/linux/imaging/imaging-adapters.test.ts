import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { buildDemoImage, DEMO_IMAGE_NAME } from '../../../build/demo-image.ts';
import type { ProcessRequest, RunProcess } from '../../process/process-types.ts';
import type { WimlibProgress } from '../../../renderers/linux/wimlib-output.ts';
import { scriptedRun, type ScriptedCommand } from '../probe/test-support/scripted-run.ts';
import { applyImage } from './apply-image.ts';
import { captureImage } from './capture-image.ts';
import { refuseMounted } from './imaging-volume.ts';

let dir: string;
let wim: string;
let ntfs: string;
let fat: string;

/** A stand-in for a volume's device: only its first sector is read before the runner is asked. */
function bootSector(file: string, oem: string): string {
  const sector = Buffer.alloc(512);
  sector.write(oem, 3, 'latin1');
  sector.writeUInt16LE(512, 0x0b);
  sector.writeBigUInt64LE(2048n, 0x28);
  writeFileSync(file, sector);
  return file;
}

/** The scripted runner, also handing each line of the scripted standard output to `onLine` as the real one does. */
function linesToo(commands: readonly ScriptedCommand[]): { run: RunProcess; calls: string[][] } {
  const scripted = scriptedRun(commands);
  const run = async (request: ProcessRequest) => {
    const result = await scripted.run(request);
    for (const line of result.stdout.split(/\r\n|\r|\n/)) if (line !== '') request.onLine?.(line, 'stdout');
    return result;
  };
  return { run, calls: scripted.calls };
}

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'taskseq-linux-imaging-'));
  wim = join(dir, 'install.wim');
  buildDemoImage(wim);
  ntfs = bootSector(join(dir, 'ntfs.dev'), 'NTFS    ');
  fat = bootSector(join(dir, 'fat.dev'), 'mkfs.fat');
});
after(() => rmSync(dir, { recursive: true, force: true }));

describe('Linux imaging: apply with a scripted runner', () => {
  it('runs the planner\'s command, hands on the progress and returns the image\'s facts', async () => {
    const stdout = readFileSync(new URL('../../../renderers/linux/fixtures/wimlib-apply-ntfs-bytes.stdout', import.meta.url), 'utf8');
    const { run, calls } = linesToo([{ argv: ['wimlib-imagex', 'apply', '--', wim, '1', ntfs], exitCode: 0, stdout, stderr: '' }]);
    const seen: WimlibProgress[] = [];
    const r = await applyImage(run, { path: wim, index: 1, target: 'C:' }, { device: ntfs, letter: 'c' }, (p) => seen.push(p));
    assert.deepEqual(calls, [['wimlib-imagex', 'apply', '--', wim, '1', ntfs]]);
    assert.deepEqual(r, { files: 13, bytes: 965 });
    assert.equal(seen.length, 13);
    assert.deepEqual(seen.at(-1), { phase: 'Extracting file data', bytesDone: 965, bytesTotal: 965, percent: 100 });
  });

  it('a failing apply names the command line and wimlib\'s error lines', async () => {
    const stderr = readFileSync(new URL('../../../renderers/linux/fixtures/wimlib-apply-not-ntfs.stderr', import.meta.url), 'utf8');
    const { run } = linesToo([{ argv: ['wimlib-imagex', 'apply', '--check', '--', wim, '1', ntfs], exitCode: 46, stdout: '', stderr }]);
    await assert.rejects(applyImage(run, { path: wim, index: 1, target: 'C:', checkIntegrity: true }, { device: ntfs, letter: 'C:' }), {
      code: 'unsupported',
      message: `cannot apply image 1 (${DEMO_IMAGE_NAME}) of ${wim} to C: (wimlib-imagex apply --check -- ${wim} 1 ${ntfs} failed with exit code 46): `
        + 'Failed to mount "/dev/loop0" with NTFS-3G: Invalid argument; Exiting with error code 46: NTFS-3G encountered an error (check errno).; errno: Invalid argument',
    });
  });

  it('a stopped apply says so', async () => {
    const { run } = linesToo([{ argv: ['wimlib-imagex', 'apply', '--', wim, '1', ntfs], exitCode: 143, stdout: 'Extracting file data: 1 MiB of 9 MiB (11%) done\r', stderr: '', killed: true }]);
    await assert.rejects(applyImage(run, { path: wim, index: 1, target: 'C:' }, { device: ntfs, letter: 'C:' }),
      { code: 'unsupported', message: new RegExp(`^cannot apply image 1 .* to C: \\(wimlib-imagex apply -- ${wim} 1 ${ntfs} was stopped\\): Extracting file data`) });
  });

  it('refuses, before anything runs: a volume that is not NTFS, an index the WIM lacks, a missing file', async () => {
    const { run, calls } = linesToo([]);
    await assert.rejects(applyImage(run, { path: wim, index: 1, target: 'C:' }, { device: fat, letter: 'C:' }),
      { code: 'unsupported', message: 'cannot apply an image to C:: the Linux backend applies onto NTFS volumes only' });
    await assert.rejects(applyImage(run, { path: wim, index: 2, target: 'C:' }, { device: ntfs, letter: 'C:' }),
      { code: 'invalid-input', message: /1: Windows 11 Enterprise/ });
    await assert.rejects(applyImage(run, { path: join(dir, 'none.wim'), index: 1, target: 'C:' }, { device: ntfs, letter: 'C:' }),
      { code: 'invalid-input', message: /the file does not exist/ });
    await assert.rejects(applyImage(run, { path: wim, index: 1, target: 'C:' }, { device: join(dir, 'no-device'), letter: 'C:' }),
      { code: 'unsupported', message: /^cannot read the volume .*no-device: ENOENT/ });
    assert.deepEqual(calls, []);
  });
});

describe('Linux imaging: capture with a scripted runner', () => {
  it('runs the planner\'s capture of the device and fails with its error lines', async () => {
    const out = join(dir, 'out.wim');
    const argv = ['wimlib-imagex', 'capture', '--compress=LZX', '--', ntfs, out, 'Ref'];
    const { run, calls } = linesToo([{ argv, exitCode: 18, stdout: '', stderr: 'ERROR: Write error: No space left on device\n' }]);
    await assert.rejects(captureImage(run, { source: 'C:', path: out, mode: 'create', name: 'Ref' }, { device: ntfs, letter: 'C:' }), {
      code: 'unsupported',
      message: `cannot capture C: into ${out} (wimlib-imagex capture --compress=LZX -- ${ntfs} ${out} Ref failed with exit code 18): Write error: No space left on device`,
    });
    assert.deepEqual(calls, [argv]);
  });

  it('refuses a volume that is not NTFS, a missing file to append to and a name already in it', async () => {
    const { run, calls } = linesToo([]);
    await assert.rejects(captureImage(run, { source: 'C:', path: wim, mode: 'create', name: 'X' }, { device: fat, letter: 'C:' }),
      { code: 'unsupported', message: 'cannot capture volume C:, which is not NTFS: the Linux backend captures NTFS volumes only' });
    await assert.rejects(captureImage(run, { source: 'C:', path: join(dir, 'none.wim'), mode: 'append', name: 'X' }, { device: ntfs, letter: 'C:' }),
      { code: 'unsupported', message: `cannot append to ${join(dir, 'none.wim')}: the file does not exist` });
    await assert.rejects(captureImage(run, { source: 'C:', path: wim, mode: 'append', name: 'windows 11 enterprise' }, { device: ntfs, letter: 'C:' }),
      { code: 'unsupported', message: `cannot append to ${wim}: it already holds an image named "${DEMO_IMAGE_NAME}" (index 1)` });
    assert.deepEqual(calls, []);
  });
});

describe('Linux imaging: a mounted volume is never written or read past its mount', () => {
  it('is found by its source, also through a link, and by device number for kernel file systems', () => {
    const link = join(dir, 'by-label');
    symlinkSync(ntfs, link);
    const fuse = { majorMinor: '0:57', source: ntfs, mountPoint: '/mnt/c', fsType: 'fuseblk', superOptions: '' };
    assert.throws(() => refuseMounted(link, 'cannot apply', [fuse]),
      { code: 'unsupported', message: `cannot apply: its device ${link} is mounted at /mnt/c (fuseblk); unmount it first` });
    assert.doesNotThrow(() => refuseMounted(fat, 'cannot apply', [fuse]));
    const kernel = { majorMinor: '7:0', source: '/dev/disk/by-x/none', mountPoint: '/mnt/k', fsType: 'ntfs3', superOptions: '' };
    assert.throws(() => refuseMounted('/dev/loop0', 'cannot capture', [kernel]), { message: /^cannot capture: its device \/dev\/loop0 is mounted at \/mnt\/k/ });
  });
});
