import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import {
  createFakeMachine, snapshotTree, wimlib, wimXml, writeFakeWindowsTree, type FakeMachine,
} from './fake-imaging-machine.ts';
import { createSimulatedImaging } from './simulated-imaging.ts';

let m: FakeMachine;
beforeEach(() => { m = createFakeMachine(); });
afterEach(() => m.cleanup());

/** The reference volume R: holding a fake Windows tree, captured to a host WIM. */
async function captureReference(name = 'Windows 11 Pro'): Promise<{ wim: string; source: string }> {
  const source = m.addVolume('R:');
  writeFakeWindowsTree(source);
  const wim = join(m.dir, 'install.wim');
  const imaging = createSimulatedImaging(m.deps);
  const { index } = await imaging.capture({ source: 'R:', path: wim, mode: 'create', name, description: 'reference' });
  assert.equal(index, 1);
  return { wim, source };
}

describe('simulated imaging: capture and apply with wimlib-imagex', () => {
  it('captures a volume and applies it to an empty volume, file by file identical', async () => {
    const { wim, source } = await captureReference();
    const target = m.addVolume('C:');
    const imaging = createSimulatedImaging(m.deps);
    const result = await imaging.apply({ path: wim, index: 1, target: 'C:' });
    assert.deepEqual(snapshotTree(target), snapshotTree(source));
    assert.equal(result.files, 7);
    assert.equal(result.bytes, imaging.inspect(wim).images[0].totalBytes);
    assert.ok(result.bytes > 8192);
    wimlib('verify', wim);
  });

  it('appends a second image with creator and version, and applies it by index', async () => {
    const { wim } = await captureReference();
    const second = m.addVolume('S:');
    writeFakeWindowsTree(second, 'enterprise');
    const imaging = createSimulatedImaging(m.deps);
    const { index } = await imaging.capture({
      source: 'S:', path: wim, mode: 'append', name: 'Windows 11 Enterprise', creator: 'Build Lab', version: '2.1',
      checkIntegrity: true,
    });
    assert.equal(index, 2);
    const facts = imaging.inspect(wim);
    assert.deepEqual(facts.images.map((i) => i.name), ['Windows 11 Pro', 'Windows 11 Enterprise']);
    assert.match(wimXml(wim), /<CREATOR>Build Lab<\/CREATOR>/);
    assert.match(wimXml(wim), /<IMAGEVERSION>2\.1<\/IMAGEVERSION>/);
    wimlib('verify', wim);
    const target = m.addVolume('C:');
    await imaging.apply({ path: wim, index: 2, target: 'C:', checkIntegrity: true });
    assert.deepEqual(snapshotTree(target), snapshotTree(second));
  });

  it('refuses to append an image name the file already holds', async () => {
    const { wim } = await captureReference();
    const imaging = createSimulatedImaging(m.deps);
    await assert.rejects(imaging.capture({ source: 'R:', path: wim, mode: 'append', name: 'windows 11 pro' }),
      { code: 'unsupported', message: /already holds an image named "Windows 11 Pro" \(index 1\)/ });
    assert.equal(imaging.inspect(wim).images.length, 1);
  });

  it('applies from a split set given by its first .swm part', async () => {
    const { source } = await captureReference();
    for (let i = 0; i < 4; i += 1) writeFileSync(join(source, 'Windows', `blob${i}.cab`), randomBytes(600 * 1024));
    const big = join(m.dir, 'big.wim');
    wimlib('capture', source, big, 'Big', '--compress=none');
    mkdirSync(join(m.dir, 'split'));
    wimlib('split', big, join(m.dir, 'split', 'install.swm'), '1');
    assert.ok(readdirSync(join(m.dir, 'split')).length >= 3, 'the set has several parts');
    const target = m.addVolume('C:');
    const imaging = createSimulatedImaging(m.deps);
    const result = await imaging.apply({ path: join(m.dir, 'split', 'install.swm'), index: 1, target: 'c' });
    assert.deepEqual(snapshotTree(target), snapshotTree(source));
    assert.equal(result.files, 11);
  });

  it('round trip: an applied volume captured again applies identically', async () => {
    const { wim, source } = await captureReference();
    const c = m.addVolume('C:');
    const d = m.addVolume('D:');
    const imaging = createSimulatedImaging(m.deps);
    await imaging.apply({ path: wim, index: 1, target: 'C:' });
    const again = await imaging.capture({
      source: 'C:', path: join(m.dir, 'captured.wim'), mode: 'create', name: 'Captured', compression: 'xpress',
    });
    assert.equal(again.index, 1);
    assert.equal(imaging.inspect(join(m.dir, 'captured.wim')).compression, 'xpress');
    wimlib('verify', join(m.dir, 'captured.wim'));
    await imaging.apply({ path: join(m.dir, 'captured.wim'), index: 1, target: 'D:' });
    assert.deepEqual(snapshotTree(d), snapshotTree(c));
    assert.deepEqual(snapshotTree(d), snapshotTree(source));
  });

  it('capture to a drive path writes onto that volume; create replaces an existing file', async () => {
    await captureReference();
    const data = m.addVolume('D:');
    const imaging = createSimulatedImaging(m.deps);
    const request = { source: 'R:', path: 'D:\\Captures\\ref.wim', mode: 'create', name: 'Ref' } as const;
    await imaging.capture(request);
    await imaging.capture({ ...request, name: 'Ref 2' });
    assert.ok(existsSync(join(data, 'Captures', 'ref.wim')));
    assert.deepEqual(imaging.inspect('d:\\captures\\REF.wim').images.map((i) => i.name), ['Ref 2']);
  });
});
