import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { confinedJoin, isInside, parseWindowsPath, segmentProblem, volumeSegments } from './path-confinement.ts';

const refused = (field: string, path: string, why: RegExp) => (e: Error & { code?: string }) =>
  e.code === 'invalid-input' && e.message.startsWith(`${field} ${path}: `) && why.test(e.message);

describe('the confinement rule', () => {
  it('maps drive and share paths to names', () => {
    assert.deepEqual(parseWindowsPath('C:\\Users\\alice', 'F'), { kind: 'drive', letter: 'C:', segments: ['Users', 'alice'] });
    assert.deepEqual(parseWindowsPath('d:', 'F'), { kind: 'drive', letter: 'D:', segments: [] });
    assert.deepEqual(parseWindowsPath('\\\\smp01.corp.example\\SMPSTORE$\\STORE-1\\', 'F'),
      { kind: 'share', server: 'smp01.corp.example', share: 'SMPSTORE$', segments: ['STORE-1'] });
    assert.deepEqual(volumeSegments('C:\\Windows\\\\System32/config'), ['Windows', 'System32', 'config']);
  });

  it('refuses the probe store path: a server name that climbs out of the network folder', () => {
    const path = '\\\\../../../../outside\\store';
    assert.throws(() => parseWindowsPath(path, 'OSDStateStorePath'), refused('OSDStateStorePath', path, /server name/));
  });

  it('refuses every other way to leave or bypass the root', () => {
    const cases: Array<[string, RegExp]> = [
      ['\\\\..\\share\\x', /server name '\.\.'/],
      ['\\\\server\\..\\x', /share name '\.\.'/],
      ['\\\\server\\share\\..\\..\\x', /'\.\.'/],
      ['\\\\server\\.\\x', /share name '\.'/],
      ['\\\\\\share\\x', /needs a server and a share/],
      ['\\\\server', /needs a server and a share/],
      ['\\\\server\\\\x', /needs a server and a share/],
      ['\\\\?\\C:\\x', /device path/],
      ['\\\\.\\PhysicalDrive0', /device path/],
      ['C:..\\x', /drive-relative/],
      ['C:x', /drive-relative/],
      ['\\Windows', /expected a full path/],
      ['..\\x', /expected a full path/],
      ['C:\\a\\... \\b', /dots/],
      ['C:\\a\\.. \\b', /dots/],
      ['C:\\a\\b.\\c', /trailing dot or space/],
      ['C:\\a\\file:stream', /character Windows does not allow/],
      ['C:\\a\\b\0c', /NUL/],
      ['\\\\srv/x\\share', /separator inside a name/],
    ];
    for (const [path, why] of cases) assert.throws(() => parseWindowsPath(path, 'F'), refused('F', path, why), path);
  });

  it('names what is wrong with a single name', () => {
    assert.equal(segmentProblem('notes.txt'), undefined);
    assert.match(segmentProblem('..')!, /dots/);
    assert.match(segmentProblem('')!, /empty/);
  });

  it('checks the joined path against its root again', () => {
    assert.equal(confinedJoin('/s/network', ['srv', 'share', 'x'], 'F', 'p'), '/s/network/srv/share/x');
    assert.throws(() => confinedJoin('/s/network', ['..', 'x'], 'F', 'p'), refused('F', 'p', /not allowed/));
    assert.ok(isInside('/s/v', '/s/v'));
    assert.ok(isInside('/s/v', '/s/v/a/../b'));
    assert.ok(!isInside('/s/v', '/s/v/../w'));
    assert.ok(!isInside('/s/v', '/s/vw'));
  });
});
