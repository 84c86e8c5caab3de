import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { buildDemoImage } from '../../../build/demo-image.ts';
import { runProcess } from '../../process/run-process.ts';
import type { WimlibProgress } from '../../../renderers/linux/wimlib-output.ts';
import { LOOP_SKIP, loopDevicesAvailable, withLoopDisk } from '../../../../test/support/loop-device.ts';
import { applyImage } from './apply-image.ts';
import { captureImage } from './capture-image.ts';
import { formatNtfs, ntfsList, treeHashes, wimDir, wimTreeHashes, withNtfsMount, writeTree, NTFS_OWN } from './test-support/ntfs-volume.ts';

const MiB = 1024 * 1024;
const skip = loopDevicesAvailable() ? false : LOOP_SKIP;
const ZONE = '[ZoneTransfer]\r\nZoneId=3\r\n';
/** What NTFS adds at a volume's root and no image holds (mkfs.ntfs --quick makes none of it today). */
const notNtfsOwn = (path: string) => !NTFS_OWN.some((own) => path === `/${own}` || path.startsWith(`/${own}/`));

describe('Linux imaging on loop devices', { skip }, () => {
  it('applies the demo image onto an NTFS volume, captures it back and appends; a named stream survives', async () => {
    await withLoopDisk({ sizeBytes: 330 * MiB }, async (disk) => {
      const wim = join(disk.folder, 'install.wim');
      buildDemoImage(wim);
      const c = { device: disk.partitionDevice(1 * MiB, 160 * MiB), letter: 'C:' };
      const d = { device: disk.partitionDevice(161 * MiB, 160 * MiB), letter: 'D:' };
      formatNtfs(c.device);
      formatNtfs(d.device);

      const seen: WimlibProgress[] = [];
      const applied = await applyImage(runProcess, { path: wim, index: 1, target: 'C:' }, c, (p) => seen.push(p));
      assert.deepEqual(applied, { files: 13, bytes: 965 });
      assert.ok(seen.length > 0 && seen.every((p) => p.phase === 'Extracting file data'));
      assert.deepEqual(seen.at(-1), { phase: 'Extracting file data', bytesDone: 965, bytesTotal: 965, percent: 100 });

      // Read back with tools taskseq did not write it with: ntfsls on the unmounted volume, a read-only ntfs-3g mount.
      assert.deepEqual(ntfsList(c.device).filter(notNtfsOwn), wimDir(wim, 1));
      const source = wimTreeHashes(wim, 1);
      assert.equal(source.size, 13);
      await withNtfsMount(c.device, disk.folder, { readOnly: true }, (root) => {
        assert.deepEqual(treeHashes(root), source);
        assert.equal(readFileSync(join(root, 'Windows', 'System32', 'drivers', 'etc', 'hosts'), 'utf8'), '# Name resolution entries of the demo image (none).\r\n');
      });

      // A named data stream, as Windows keeps a download's zone in: only an NTFS-to-NTFS apply and capture keep it.
      await withNtfsMount(c.device, disk.folder, { readOnly: false, streams: true }, (root) => {
        writeFileSync(join(root, 'Windows', 'explorer.exe:Zone.Identifier'), ZONE);
      });

      const back = join(disk.folder, 'back.wim');
      const archived: WimlibProgress[] = [];
      const captured = await captureImage(runProcess, { source: 'C:', path: back, mode: 'create', name: 'Back', compression: 'xpress' }, c, (p) => archived.push(p));
      assert.deepEqual(captured, { index: 1 });
      assert.ok(archived.length > 0 && archived.every((p) => p.phase === 'Archiving file data'), JSON.stringify(archived));
      assert.equal(archived.at(-1)?.percent, 100);
      assert.deepEqual(wimDir(back, 1).filter(notNtfsOwn), wimDir(wim, 1));
      assert.deepEqual(wimTreeHashes(back, 1), source);
      const detail = execFileSync('wimlib-imagex', ['dir', back, '1', '--detailed', '--path=/Windows/explorer.exe'], { encoding: 'utf8' });
      assert.match(detail, /Named data stream "Zone.Identifier"/);
      assert.match(detail, /Security Descriptor = [0-9a-f]+/, 'NTFS-3G mode captures the security descriptor');

      const appended = await captureImage(runProcess, { source: 'C:', path: back, mode: 'append', name: 'Back again', creator: 'taskseq tests' }, c);
      assert.deepEqual(appended, { index: 2 });
      assert.match(execFileSync('wimlib-imagex', ['info', back, '2'], { encoding: 'utf8' }), /Name:\s+Back again/);

      await applyImage(runProcess, { path: back, index: 1, target: 'D:' }, d);
      await withNtfsMount(d.device, disk.folder, { readOnly: true, streams: true }, (root) => {
        assert.deepEqual(treeHashes(root), source);
        assert.equal(readFileSync(join(root, 'Windows', 'explorer.exe:Zone.Identifier'), 'utf8'), ZONE);
      });
    });
  });

  it('applies a split set, passing every part; the files are the source\'s', async () => {
    await withLoopDisk({ sizeBytes: 64 * MiB }, async (disk) => {
      const files = { 'data/one.bin': randomBytes(1536 * 1024), 'data/two.bin': randomBytes(1536 * 1024), 'readme.txt': 'split set\r\n' };
      const tree = writeTree(disk.folder, files);
      const wim = join(disk.folder, 'big.wim');
      execFileSync('wimlib-imagex', ['capture', tree, wim, 'Big', '--compress=none'], { stdio: 'ignore' });
      const first = join(disk.folder, 'big.swm');
      execFileSync('wimlib-imagex', ['split', wim, first, '1'], { stdio: 'ignore' });
      const parts = readdirSync(disk.folder).filter((n) => n.endsWith('.swm'));
      assert.ok(parts.length >= 3, `split into ${parts.join(', ')}`);

      const c = { device: disk.partitionDevice(1 * MiB, 60 * MiB), letter: 'C:' };
      formatNtfs(c.device);
      assert.deepEqual(await applyImage(runProcess, { path: first, index: 1, target: 'C:' }, c), { files: 3, bytes: 2 * 1536 * 1024 + 11 });
      await withNtfsMount(c.device, disk.folder, { readOnly: true }, (root) => assert.deepEqual(treeHashes(root), treeHashes(tree)));
    });
  });

  it('refuses to apply onto or capture a mounted volume, which wimlib itself would do', async () => {
    await withLoopDisk({ sizeBytes: 64 * MiB }, async (disk) => {
      const wim = join(disk.folder, 'install.wim');
      buildDemoImage(wim);
      const c = { device: disk.partitionDevice(1 * MiB, 60 * MiB), letter: 'C:' };
      formatNtfs(c.device);
      await withNtfsMount(c.device, disk.folder, { readOnly: false }, async (root) => {
        await assert.rejects(applyImage(runProcess, { path: wim, index: 1, target: 'C:' }, c),
          { code: 'unsupported', message: `cannot apply image 1 (Windows 11 Enterprise) of ${wim} to C:: its device ${c.device} is mounted at ${root} (fuseblk); unmount it first` });
        await assert.rejects(captureImage(runProcess, { source: 'C:', path: join(disk.folder, 'x.wim'), mode: 'create', name: 'X' }, c),
          { code: 'unsupported', message: /is mounted at/ });
        assert.deepEqual(readdirSync(root), []);
      });
    });
  });
});
