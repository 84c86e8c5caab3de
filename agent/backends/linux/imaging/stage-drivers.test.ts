import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { stageDrivers } from './stage-drivers.ts';

const FIXTURES = join(import.meta.dirname, '../../../drivers/fixtures');
const request = (paths: string[]) => ({ target: 'C:', paths, recurse: false, forceUnsigned: false });
let dir: string;

beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'taskseq-stage-')); });
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A host folder standing in for the mounted Windows volume. */
function windowsVolume(): string {
  const root = join(dir, 'volume');
  mkdirSync(join(root, 'Windows', 'System32'), { recursive: true });
  return root;
}

describe('Linux driver staging (a folder as the volume)', () => {
  it('numbers on after the Drivers folders already there; a second driver folder gets the next; UTF-16 answer files stay UTF-16', async () => {
    const root = windowsVolume();
    mkdirSync(join(root, 'drivers', '7'), { recursive: true });
    mkdirSync(join(root, 'Windows', 'Panther'));
    const unattend = '<?xml version="1.0" encoding="utf-16"?>\r\n<unattend xmlns="urn:schemas-microsoft-com:unattend">\r\n</unattend>\r\n';
    writeFileSync(join(root, 'Windows', 'Panther', 'unattend.xml'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(unattend, 'utf16le')]));
    const r = await stageDrivers(request([join(FIXTURES, 'lan'), join(FIXTURES, 'audio-utf16')]), { letter: 'c:', mountPath: root, architecture: 'x64' });
    assert.deepEqual(r.added.map((a) => a.storeFolder), ['C:\\Drivers\\8', 'C:\\Drivers\\9']);
    assert.deepEqual(readdirSync(join(root, 'drivers')).sort(), ['7', '8', '9'], 'the existing folder is used, whatever its case');
    const bytes = readFileSync(join(root, 'Windows', 'Panther', 'unattend.xml'));
    assert.deepEqual([...bytes.subarray(0, 2)], [0xff, 0xfe]);
    assert.match(bytes.subarray(2).toString('utf16le'), /<Path>C:\\Drivers\\8<\/Path>[\s\S]*<Path>C:\\Drivers\\9<\/Path>/);
  });

  it('nothing accepted: nothing copied, no answer file written; DISM options are said to be unused', async () => {
    const root = windowsVolume();
    const lines: string[] = [];
    const r = await stageDrivers({ ...request([join(FIXTURES, 'malformed')]), additionalOptions: '/ForceUnsigned' }, { letter: 'C:', mountPath: root, architecture: 'x64' }, (l) => lines.push(l));
    assert.equal(r.added.length, 0);
    assert.equal(r.rejected.length, 7);
    assert.deepEqual(readdirSync(root), ['Windows']);
    assert.deepEqual(lines, ['The further DISM options "/ForceUnsigned" are not used: DISM does not run on the Linux backend']);
  });

  it('refuses a volume without Windows, a missing driver path, and a symbolic link on the way', async () => {
    mkdirSync(join(dir, 'empty'));
    await assert.rejects(stageDrivers(request([FIXTURES]), { letter: 'D:', mountPath: join(dir, 'empty'), architecture: 'x64' }),
      { code: 'unsupported', message: 'cannot add drivers to D:: it holds no offline Windows (no Windows\\System32)' });
    const root = windowsVolume();
    await assert.rejects(stageDrivers(request([join(dir, 'none')]), { letter: 'C:', mountPath: root, architecture: 'x64' }),
      { code: 'invalid-input', message: `addDrivers: driver path ${join(dir, 'none')} does not exist` });
    symlinkSync('/tmp', join(root, 'Drivers'));
    await assert.rejects(stageDrivers(request([join(FIXTURES, 'lan')]), { letter: 'C:', mountPath: root, architecture: 'x64' }),
      { code: 'unsupported', message: 'cannot add drivers to C:: Drivers is a symbolic link, which taskseq does not follow on any machine' });
  });

  it('copies only the accepted INFs of a folder; an answer file that does not parse changes nothing', async () => {
    const root = windowsVolume();
    const pkg = join(dir, 'pkg');
    mkdirSync(pkg);
    writeFileSync(join(pkg, 'good.inf'), readFileSync(join(FIXTURES, 'lan', 'netlan.inf')));
    writeFileSync(join(pkg, 'netlan.cat'), 'catalog\n');
    writeFileSync(join(pkg, 'bad.inf'), readFileSync(join(FIXTURES, 'malformed', 'no-version.inf')));
    writeFileSync(join(pkg, 'other.inf'), readFileSync(join(FIXTURES, 'lan', 'netlan.inf')));
    const r = await stageDrivers(request([join(pkg, 'good.inf'), join(pkg, 'bad.inf')]), { letter: 'C:', mountPath: root, architecture: 'x64' });
    assert.deepEqual(r.added, [{ inf: join(pkg, 'good.inf'), storeFolder: 'C:\\Drivers\\1' }]);
    assert.equal(r.rejected.length, 1);
    assert.deepEqual(readdirSync(join(root, 'Drivers', '1')).sort(), ['good.inf', 'netlan.cat'], 'neither the refused INF nor one not asked for');

    writeFileSync(join(root, 'Windows', 'Panther', 'unattend.xml'), '<unattend>');
    await assert.rejects(stageDrivers(request([join(FIXTURES, 'lan')]), { letter: 'C:', mountPath: root, architecture: 'x64' }),
      { code: 'invalid-input', message: /^C:\\Windows\\Panther\\unattend\.xml: not well-formed XML/ });
    assert.deepEqual(readdirSync(join(root, 'Drivers')), ['1'], 'nothing copied');
  });
});
