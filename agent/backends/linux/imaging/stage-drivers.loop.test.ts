import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseXmlElement } from '../../../../engine/index.ts';
import { buildDemoImage } from '../../../build/demo-image.ts';
import { runProcess } from '../../process/run-process.ts';
import { LOOP_SKIP, loopDevicesAvailable, withLoopDisk } from '../../../../test/support/loop-device.ts';
import { applyImage } from './apply-image.ts';
import { stageDrivers } from './stage-drivers.ts';
import { formatNtfs, ntfsList, treeHashes, withNtfsMount } from './test-support/ntfs-volume.ts';

const MiB = 1024 * 1024;
const FIXTURES = join(import.meta.dirname, '../../../drivers/fixtures');
const skip = loopDevicesAvailable() ? false : LOOP_SKIP;

/** The driver paths of the offlineServicing pass, in file order. */
function driverPaths(xml: string): string[] {
  const local = (n: string) => n.slice(n.indexOf(':') + 1);
  const pass = parseXmlElement(xml).children.find((c) => c.attributes.pass === 'offlineServicing')!;
  const component = pass.children.find((c) => c.attributes.name === 'Microsoft-Windows-PnpCustomizationsNonWinPE')!;
  return component.children.find((c) => local(c.name) === 'DriverPaths')!.children
    .map((e) => e.children.find((c) => local(c.name) === 'Path')!.text);
}

describe('Linux driver staging onto an applied NTFS volume', { skip }, () => {
  it('copies each accepted driver folder to Drivers\\<n> and names it in the existing answer file', async () => {
    await withLoopDisk({ sizeBytes: 80 * MiB }, async (disk) => {
      const wim = join(disk.folder, 'install.wim');
      buildDemoImage(wim);
      const c = { device: disk.partitionDevice(1 * MiB, 64 * MiB), letter: 'C:' };
      formatNtfs(c.device);
      await applyImage(runProcess, { path: wim, index: 1, target: 'C:' }, c);

      // A driver folder with a data subfolder (no INF of its own, copied along) and an unsigned driver (refused).
      const custom = join(disk.folder, 'custom');
      mkdirSync(join(custom, 'amd64'), { recursive: true });
      writeFileSync(join(custom, 'netx.inf'), readFileSync(join(FIXTURES, 'lan', 'netlan.inf')));
      writeFileSync(join(custom, 'netlan.cat'), 'catalog\n');
      writeFileSync(join(custom, 'amd64', 'netx.bin'), 'firmware\n');
      const unsigned = join(disk.folder, 'unsigned');
      mkdirSync(unsigned);
      writeFileSync(join(unsigned, 'nocat.inf'), readFileSync(join(FIXTURES, 'lan', 'netlan.inf'), 'utf8').replace(/^CatalogFile.*$/m, ''));

      const existing = '<?xml version="1.0" encoding="utf-8"?>\n<unattend xmlns="urn:schemas-microsoft-com:unattend">\n  <settings pass="oobeSystem" />\n</unattend>\n';
      const lines: string[] = [];
      const result = await withNtfsMount(c.device, disk.folder, { readOnly: false }, async (root) => {
        mkdirSync(join(root, 'Windows', 'PANTHER'));
        writeFileSync(join(root, 'Windows', 'PANTHER', 'Unattend.xml'), existing);
        return stageDrivers({ target: 'C:', paths: [join(FIXTURES, 'lan'), join(FIXTURES, 'audio-utf16', 'hdaudio.inf'), custom, unsigned], recurse: false, forceUnsigned: false },
          { letter: 'C:', mountPath: root, architecture: 'x64' }, (l) => lines.push(l));
      });
      assert.deepEqual(result.added, [
        { inf: join(FIXTURES, 'lan', 'netlan.inf'), storeFolder: 'C:\\Drivers\\1' },
        { inf: join(FIXTURES, 'audio-utf16', 'hdaudio.inf'), storeFolder: 'C:\\Drivers\\2' },
        { inf: join(custom, 'netx.inf'), storeFolder: 'C:\\Drivers\\3' },
      ]);
      assert.deepEqual(result.rejected, [{ inf: join(unsigned, 'nocat.inf'), reason: 'unsigned driver (no catalog file); staging it needs forceUnsigned' }]);
      assert.equal(lines.length, 1);
      assert.match(lines[0], /^Staged 3 driver\(s\) for Windows Setup, not installed by DISM \(which does not run on Linux\): copied to C:\\Drivers\\1, C:\\Drivers\\2, C:\\Drivers\\3 and named in C:\\Windows\\Panther\\unattend\.xml/);

      // Read back from the unmounted volume, and through a read-only mount.
      const listed = ntfsList(c.device);
      for (const p of ['/Drivers/1/netlan.inf', '/Drivers/1/netlan.sys', '/Drivers/2/hdaudio.inf', '/Drivers/3/amd64/netx.bin']) assert.ok(listed.includes(p), `${p} is on the volume`);
      assert.ok(!listed.includes('/Drivers/1/categories.txt'), 'package metadata is not a driver file');
      assert.ok(!listed.some((p) => p.startsWith('/Drivers/4')), 'the refused driver is not copied');
      assert.ok(!listed.includes('/Windows/Panther'), 'the answer file went into the folder that was there, whatever its case');
      await withNtfsMount(c.device, disk.folder, { readOnly: true }, (root) => {
        const lan = treeHashes(join(FIXTURES, 'lan'));
        lan.delete('categories.txt');
        assert.deepEqual(treeHashes(join(root, 'Drivers', '1')), lan);
        assert.deepEqual(treeHashes(join(root, 'Drivers', '3')), treeHashes(custom));
        const xml = readFileSync(join(root, 'Windows', 'PANTHER', 'Unattend.xml'), 'utf8');
        assert.deepEqual(driverPaths(xml), ['C:\\Drivers\\1', 'C:\\Drivers\\2', 'C:\\Drivers\\3']);
        assert.ok(xml.includes('  <settings pass="oobeSystem" />\n'), 'the rest of the answer file is kept');
      });
    });
  });
});
