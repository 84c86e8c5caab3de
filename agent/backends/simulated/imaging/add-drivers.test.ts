import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { addDrivers, DRIVER_STORE } from './add-drivers.ts';
import { createFakeMachine } from './fake-imaging-machine.ts';

const FIXTURES = join(import.meta.dirname, '../../../drivers/fixtures');

function machineWithWindows() {
  const m = createFakeMachine();
  const root = m.addVolume('C:');
  mkdirSync(join(root, 'Windows', 'System32'), { recursive: true });
  return { m, root };
}

test('stages each INF with the files next to it into the offline driver store; the folder name is stable', () => {
  const { m, root } = machineWithWindows();
  try {
    const r = addDrivers(m.deps, { target: 'C:', paths: [join(FIXTURES, 'lan'), join(FIXTURES, 'audio-utf16', 'hdaudio.inf')], recurse: false, forceUnsigned: false });
    assert.equal(r.rejected.length, 0);
    assert.equal(r.added.length, 2);
    assert.match(r.added[0].storeFolder, /^C:\\Windows\\System32\\DriverStore\\FileRepository\\netlan\.inf_amd64_[0-9a-f]{16}$/);
    const store = join(root, ...DRIVER_STORE);
    const folders = readdirSync(store).sort();
    assert.deepEqual(folders.map((f) => f.replace(/_[0-9a-f]{16}$/, '')), ['hdaudio.inf_amd64', 'netlan.inf_amd64']);
    const lan = folders.find((f) => f.startsWith('netlan'))!;
    assert.deepEqual(readdirSync(join(store, lan)).sort(), ['netlan.cat', 'netlan.inf', 'netlan.sys'], 'categories.txt is package metadata, not a driver file');
    assert.equal(readFileSync(join(store, lan, 'netlan.sys'), 'utf8'), 'simulated driver binary\n');
    const again = addDrivers(m.deps, { target: 'C:', paths: [join(FIXTURES, 'lan')], recurse: false, forceUnsigned: false });
    assert.equal(again.added[0].storeFolder, r.added[0].storeFolder, 'staging again lands in the same folder');
  } finally { m.cleanup(); }
});

test('recurse finds INFs in subfolders; malformed INFs are refused with their line, the rest staged', () => {
  const { m } = machineWithWindows();
  try {
    const r = addDrivers(m.deps, { target: 'C:', paths: [FIXTURES], recurse: true, forceUnsigned: false });
    assert.equal(r.added.length, 2);
    assert.equal(r.rejected.length, 7);
    assert.ok(r.rejected.every((x) => /malformed INF \(line \d+: /.test(x.reason)));
    assert.deepEqual(addDrivers(m.deps, { target: 'C:', paths: [FIXTURES], recurse: false, forceUnsigned: false }).added, []);
  } finally { m.cleanup(); }
});

test('refusals: no Windows on the volume, a missing path', () => {
  const m = createFakeMachine();
  try {
    m.addVolume('D:');
    assert.throws(() => addDrivers(m.deps, { target: 'D:', paths: [FIXTURES], recurse: true, forceUnsigned: false }), /holds no offline Windows/);
    assert.throws(() => addDrivers(m.deps, { target: 'E:', paths: [FIXTURES], recurse: true, forceUnsigned: false }), /no such volume/);
    const { m: w } = machineWithWindows();
    try {
      assert.throws(() => addDrivers(w.deps, { target: 'C:', paths: ['/nonexistent/x.inf'], recurse: false, forceUnsigned: false }), /does not exist/);
    } finally { w.cleanup(); }
  } finally { m.cleanup(); }
});

test('an unsigned driver (no catalog file next to it) is refused unless forceUnsigned', () => {
  const { m } = machineWithWindows();
  try {
    const folder = join(m.dir, 'unsigned');
    mkdirSync(folder);
    copyFileSync(join(FIXTURES, 'lan', 'netlan.inf'), join(folder, 'netlan.inf'));
    const refused = addDrivers(m.deps, { target: 'C:', paths: [folder], recurse: false, forceUnsigned: false });
    assert.deepEqual(refused.rejected.map((r) => r.reason), ['unsigned driver (no catalog file); staging it needs forceUnsigned']);
    assert.equal(addDrivers(m.deps, { target: 'C:', paths: [folder], recurse: false, forceUnsigned: true }).added.length, 1);
  } finally { m.cleanup(); }
});
