import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { connectShare, findShare, sharePlace, type ConnectedShare } from './shares.ts';
import { prepareOutputPath, resolveImagePath } from '../simulated/imaging/image-path.ts';

const dir = mkdtempSync(join(tmpdir(), 'taskseq-shares-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const folder = join(dir, 'captures');
mkdirSync(join(folder, 'Reference'), { recursive: true });
const shares: ConnectedShare[] = [{ name: '\\\\lab\\captures', folder }];
const places = { volumeRoot: () => undefined, shares };

describe('connected shares', () => {
  it('checks a share and its folder once', () => {
    assert.deepEqual(connectShare('//lab/captures', folder, '--share', 'x'), { name: '\\\\lab\\captures', folder });
    const bad = (name: string, at: string, why: RegExp) => assert.throws(() => connectShare(name, at, '--share', `${name}=${at}`),
      (e: Error & { code?: string }) => e.code === 'invalid-input' && e.message.startsWith('--share ') && why.test(e.message), name);
    bad('lab\\captures', folder, /expected \\\\server\\share=DIR/);
    bad('\\\\lab', folder, /needs a server and a share name/);
    bad('\\\\lab\\captures\\sub', folder, /no folder below it/);
    bad('\\\\lab\\cap|tures', folder, /share name .* not allowed/);
    bad('\\\\..\\captures', folder, /server name/);
    bad('\\\\lab\\captures', join(dir, 'missing'), /the folder .*missing does not exist/);
    writeFileSync(join(dir, 'file'), '');
    bad('\\\\lab\\captures', join(dir, 'file'), /is not a folder/);
  });

  it('finds a share in any case', () => {
    assert.equal(findShare(shares, '\\\\LAB\\Captures'), shares[0]);
    assert.equal(findShare(shares, '\\\\lab\\other'), undefined);
  });

  it('maps a path on a share to names below its folder; other paths are not its business', () => {
    assert.deepEqual(sharePlace(shares, '\\\\Lab\\CAPTURES\\Reference\\x.wim', 'F'), { share: shares[0], root: folder, segments: ['Reference', 'x.wim'] });
    assert.equal(sharePlace(shares, 'D:\\x.wim', 'F'), undefined);
    assert.equal(sharePlace(shares, '/host/x.wim', 'F'), undefined);
  });

  it('refuses a share the run has not connected, saying how to connect it', () => {
    assert.throws(() => sharePlace(shares, '\\\\srv\\images\\x.wim', 'F'), {
      code: 'unsupported',
      message: "\\\\srv\\images\\x.wim: the network share \\\\srv\\images is not connected to this run (connected: \\\\lab\\captures); connect it with --share '\\\\srv\\images=DIR'",
    });
    assert.throws(() => sharePlace([], '\\\\srv\\images\\x.wim', 'F'), /\(no share is connected\)/);
  });

  it('never leaves the folder: .. and other escapes are refused', () => {
    for (const path of ['\\\\lab\\captures\\..\\..\\x.wim', '\\\\lab\\captures\\Reference\\..\\..\\x.wim', '\\\\lab\\captures\\...\\x.wim', '\\\\lab\\..\\x.wim']) {
      assert.throws(() => prepareOutputPath(path, places), (e: Error & { code?: string }) => e.code === 'invalid-input' && /image path/.test(e.message), path);
    }
  });

  it('image paths on a share: folders found in any case, made where missing, links never followed', () => {
    assert.deepEqual(prepareOutputPath('\\\\lab\\captures\\reference\\new\\x.wim', places), { host: join(folder, 'Reference', 'new', 'x.wim') });
    writeFileSync(join(folder, 'Reference', 'ref.wim'), '');
    assert.deepEqual(resolveImagePath('\\\\LAB\\captures\\REFERENCE\\REF.WIM', places), { host: join(folder, 'Reference', 'ref.wim') });
    symlinkSync(tmpdir(), join(folder, 'out'));
    assert.throws(() => prepareOutputPath('\\\\lab\\captures\\out\\x.wim', places), /symbolic link/);
    assert.throws(() => prepareOutputPath('\\\\lab\\captures', places), /names a share, not a file/);
  });
});
