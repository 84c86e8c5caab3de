import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { createFakeMachine, snapshotTree, wimlib, writeFakeWindowsTree, type FakeMachine } from './fake-imaging-machine.ts';
import { createSimulatedImaging } from './simulated-imaging.ts';
import type { WimlibRunner } from './wimlib-runner.ts';

const MiB = 1024 ** 2;
let m: FakeMachine;
let wim: string;
let source: string;

beforeEach(() => {
  m = createFakeMachine();
  source = join(m.dir, 'tree');
  writeFakeWindowsTree(source);
  writeFileSync(join(source, 'Windows', 'big.bin'), '');
  truncateSync(join(source, 'Windows', 'big.bin'), 3 * MiB);
  wim = join(m.dir, 'install.wim');
  wimlib('capture', source, wim, 'Windows 11 Pro', '--compress=XPRESS');
  wimlib('append', source, wim, 'Windows 11 Home');
});
afterEach(() => m.cleanup());

/** A target volume holding one file, to prove a refusal leaves it as it was. */
function targetWithFile(fileSystem: 'NTFS' | 'RAW' = 'NTFS', sizeBytes = 64 * MiB): string {
  const root = m.addVolume('C:', fileSystem, sizeBytes);
  writeFileSync(join(root, 'keep.txt'), 'keep');
  return root;
}

describe('simulated imaging: apply refusals leave the target untouched', () => {
  it('refuses an index out of range, listing the images', async () => {
    const root = targetWithFile();
    await assert.rejects(createSimulatedImaging(m.deps).apply({ path: wim, index: 3, target: 'C:' }),
      (e: Error & { code?: string }) => e.code === 'invalid-input'
        && /Windows 11 Pro/.test(e.message) && /Windows 11 Home/.test(e.message));
    assert.deepEqual(readdirSync(root), ['keep.txt']);
  });

  it('refuses an LZMS (solid, ESD-like) image', async () => {
    const esd = join(m.dir, 'install.esd');
    wimlib('capture', source, esd, 'Windows 11 Pro', '--solid');
    const root = targetWithFile();
    await assert.rejects(createSimulatedImaging(m.deps).apply({ path: esd, index: 1, target: 'C:' }), {
      code: 'unsupported',
      message: `${esd}: this backend cannot apply LZMS (ESD) images; export them to a WIM first`,
    });
    assert.deepEqual(readdirSync(root), ['keep.txt']);
  });

  it('refuses a volume too small for the image TOTALBYTES', async () => {
    const root = targetWithFile('NTFS', 2 * MiB + 4);
    const need = createSimulatedImaging(m.deps).inspect(wim).images[0].totalBytes;
    await assert.rejects(createSimulatedImaging(m.deps).apply({ path: wim, index: 1, target: 'C:' }), {
      code: 'unsupported',
      message: `image 1 (Windows 11 Pro) needs ${(need / MiB).toFixed(1)} MiB, volume C: has 2.0 MiB free`,
    });
    assert.deepEqual(readdirSync(root), ['keep.txt']);
  });

  it('refuses a RAW volume and a missing one', async () => {
    const root = targetWithFile('RAW');
    const imaging = createSimulatedImaging(m.deps);
    await assert.rejects(imaging.apply({ path: wim, index: 2, target: 'C:' }), {
      code: 'unsupported', message: 'cannot apply image 2 (Windows 11 Home): volume C: is not formatted (RAW); format it first',
    });
    await assert.rejects(imaging.apply({ path: wim, index: 1, target: 'E:' }), {
      code: 'unsupported', message: 'cannot apply image 1 (Windows 11 Pro): no volume E: on this machine',
    });
    assert.deepEqual(readdirSync(root), ['keep.txt']);
  });

  it('refuses a split set with a missing part, naming it', async () => {
    for (let i = 0; i < 4; i += 1) writeFileSync(join(source, `blob${i}.cab`), randomBytes(600 * 1024));
    const big = join(m.dir, 'big.wim');
    wimlib('capture', source, big, 'Big', '--compress=none');
    mkdirSync(join(m.dir, 'split'));
    wimlib('split', big, join(m.dir, 'split', 'install.swm'), '1');
    rmSync(join(m.dir, 'split', 'install2.swm'));
    const root = targetWithFile();
    await assert.rejects(createSimulatedImaging(m.deps).apply({
      path: join(m.dir, 'split', 'install.swm'), index: 1, target: 'C:',
    }), (e: Error & { code?: string }) => e.code === 'invalid-input' && /install2\.swm/.test(e.message));
    assert.deepEqual(readdirSync(root), ['keep.txt']);
  });

  it('reports a failed extraction with the tool error lines', async () => {
    targetWithFile();
    const run: WimlibRunner = (args) => {
      assert.equal(args[0], 'apply', `unscripted wimlib-imagex ${args.join(' ')}`);
      return { code: 47, stdout: 'Applying image 1\n', stderr: 'ERROR: Failed to write "keep.txt": No space left\n' };
    };
    await assert.rejects(createSimulatedImaging({ ...m.deps, runWimlib: run }).apply({ path: wim, index: 1, target: 'C:' }), {
      code: 'unsupported',
      message: `wimlib-imagex apply failed for image 1 (Windows 11 Pro) of ${wim} (exit 47): `
        + 'Failed to write "keep.txt": No space left',
    });
  });
});

describe('simulated imaging: capture refusals', () => {
  it('refuses a RAW source volume and appending to a missing file', async () => {
    m.addVolume('R:', 'RAW');
    const imaging = createSimulatedImaging(m.deps);
    await assert.rejects(imaging.capture({ source: 'R:', path: join(m.dir, 'x.wim'), mode: 'create', name: 'X' }), {
      code: 'unsupported', message: 'cannot capture volume R: because it is not formatted (RAW)',
    });
    m.addVolume('S:');
    const missing = join(m.dir, 'missing.wim');
    await assert.rejects(imaging.capture({ source: 'S:', path: missing, mode: 'append', name: 'X' }), {
      code: 'unsupported', message: `cannot append to ${missing}: the file does not exist`,
    });
  });

  it('refuses a destination volume without room for the WIM and leaves it as it was', async () => {
    const src = m.addVolume('S:');
    writeFakeWindowsTree(src);
    writeFileSync(join(src, 'noise.bin'), randomBytes(256 * 1024));
    const dest = m.addVolume('D:', 'NTFS', 64 * 1024);
    writeFileSync(join(dest, 'keep.txt'), 'keep');
    const before = snapshotTree(dest);
    await assert.rejects(createSimulatedImaging(m.deps).capture({
      source: 'S:', path: 'D:\\ref.wim', mode: 'create', name: 'Ref', compression: 'none',
    }), { code: 'unsupported', message: /^cannot write D:\\ref\.wim: the WIM needs 2\d\d\.\d KiB, volume D: has 64\.0 KiB free$/ });
    assert.deepEqual(snapshotTree(dest), before);
  });
});
