/**
 * Values from a sequence that look like wimlib options (an image description of `--dereference`) reach the real
 * wimlib-imagex as values, and a symbolic link in the captured volume goes into the WIM as a link, never as the host
 * file it points to.
 */
import assert from 'node:assert/strict';
import { readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { createFakeMachine, wimlib, writeFakeWindowsTree, type FakeMachine } from './fake-imaging-machine.ts';
import { createSimulatedImaging } from './simulated-imaging.ts';

const MARKER = 'host-only-marker-5f1c9e';
let m: FakeMachine;
beforeEach(() => { m = createFakeMachine(); });
afterEach(() => m.cleanup());

describe('simulated imaging: option injection into wimlib-imagex', () => {
  it('captures with name and description --dereference: the link is stored as a link, the host file stays out', async () => {
    const hostFile = join(m.dir, 'host-secret.txt');
    writeFileSync(hostFile, `${MARKER}\n`.repeat(64));
    const source = m.addVolume('C:');
    writeFakeWindowsTree(source);
    symlinkSync(hostFile, join(source, 'Windows', 'host-link.txt'));
    const dest = m.addVolume('D:');
    const imaging = createSimulatedImaging(m.deps);
    const { index } = await imaging.capture({
      source: 'C:', path: 'D:\\ref.wim', mode: 'create', name: '--dereference', description: '--dereference',
      creator: '--boot', version: '-1', compression: 'none',
    });
    const wim = join(dest, 'ref.wim');
    assert.ok(!readFileSync(wim).includes(MARKER), 'the host file is not in the WIM');
    const image = imaging.inspect(wim).images[index - 1];
    assert.equal(image.name, '--dereference');
    assert.match(wimlib('info', wim, String(index)), /Description:\s+--dereference/);
    assert.match(wimlib('dir', wim, String(index)), /\/Windows\/host-link\.txt/);
    // An appended image takes the same path through the end-of-options marker.
    await imaging.capture({ source: 'C:', path: 'D:\\ref.wim', mode: 'append', name: '-x', description: '--dereference' });
    assert.ok(!readFileSync(wim).includes(MARKER));
    assert.equal(imaging.inspect(wim).images[1].name, '-x');
  });

  it('applies an image named like an option', async () => {
    const tree = join(m.dir, 'tree');
    writeFakeWindowsTree(tree);
    const wim = join(m.dir, '-install.wim');
    wimlib('capture', '--', tree, wim, '--check');
    const root = m.addVolume('C:');
    await createSimulatedImaging(m.deps).apply({ path: wim, index: 1, target: 'C:' });
    assert.equal(readFileSync(join(root, 'Windows', 'explorer.exe'), 'utf8'), 'explorer\n');
  });
});
