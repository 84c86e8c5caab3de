// The mounts against a scripted runner: folders are made and removed in a temp folder, nothing is mounted.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { scriptedRun, type ScriptedCommand } from '../probe/test-support/scripted-run.ts';
import { createMounts } from './mounts.ts';

const ok = (argv: string[]): ScriptedCommand => ({ argv, exitCode: 0, stdout: '', stderr: '' });
const busy = (argv: string[]): ScriptedCommand => ({ argv, exitCode: 32, stdout: '', stderr: 'umount: target is busy.\n' });

function inTemp(use: (root: string) => Promise<void>): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'taskseq-mounts-'));
  return use(join(root, 'mnt')).finally(() => rmSync(root, { recursive: true, force: true }));
}

describe('mounts (scripted)', () => {
  it('mounts at <root>/<letter> once, and unmounts a busy volume with a retry, then fusermount', () => inTemp(async (root) => {
    const dir = join(root, 'C');
    const s = scriptedRun([ok(['ntfs-3g', '/dev/loop12', dir]), busy(['umount', dir]), ok(['fusermount', '-u', dir])]);
    let umounts = 0;
    const run: typeof s.run = async (r) => {
      if (r.argv[0] === 'umount') umounts++;
      return s.run(r);
    };
    const mounts = createMounts(run, root);
    const volume = { letter: 'c:', device: '/dev/loop12', diskIndex: 0, partition: 3 };
    assert.equal(await mounts.mount(volume), dir);
    assert.equal(await mounts.mount(volume), dir);
    assert.equal(mounts.rootOf('C:'), dir);
    assert.deepEqual(mounts.mounted().map((m) => m.letter), ['C:']);
    await mounts.unmountDisk(1);
    assert.equal(mounts.rootOf('C'), dir, 'another disk\'s unmount leaves it');
    await mounts.unmountDisk(0);
    assert.equal(umounts, 2);
    assert.equal(mounts.rootOf('C'), undefined);
    assert.equal(existsSync(dir), false);
    assert.deepEqual(s.calls.map((c) => c[0]), ['ntfs-3g', 'umount', 'umount', 'fusermount']);
  }));

  it('a volume that will not mount names ntfs-3g\'s reason and leaves no folder; one that will not unmount names every try', () => inTemp(async (root) => {
    const s = scriptedRun([
      { argv: ['ntfs-3g', '/dev/loop5', join(root, 'D')], exitCode: 14, stdout: '', stderr: 'The disk contains an unclean file system (0, 0).\nMetadata kept in Windows cache, refused to mount.\n' },
      ok(['ntfs-3g', '/dev/loop6', join(root, 'E')]), busy(['umount', join(root, 'E')]), busy(['fusermount', '-u', join(root, 'E')]),
    ]);
    const mounts = createMounts(s.run, root);
    await assert.rejects(mounts.mount({ letter: 'D', device: '/dev/loop5', diskIndex: 0, partition: 2 }), {
      message: `ntfs-3g /dev/loop5 ${join(root, 'D')} failed with exit code 14: The disk contains an unclean file system (0, 0). / Metadata kept in Windows cache, refused to mount.`,
    });
    assert.equal(existsSync(join(root, 'D')), false);
    await mounts.mount({ letter: 'E', device: '/dev/loop6', diskIndex: 0, partition: 3 });
    await assert.rejects(mounts.unmountAll(), /^TaskseqError: cannot unmount E: \(\/dev\/loop6 at .*\/E\): umount .*: umount: target is busy\.; umount .*; fusermount -u .*: umount: target is busy\.$/);
    await assert.rejects(mounts.mount({ letter: 'CD', device: '/dev/x', diskIndex: 0, partition: 1 }), /not a drive letter: CD/);
  }));
});
