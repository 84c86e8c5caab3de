import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { findBootDevices, mountedDevices } from './boot-devices.ts';
import { deviceNumber, type BlockTopology } from './device-chain.ts';
import { parseMountInfo, readMounts } from './read-mounts.ts';

interface FakeDevice { name: string; number: string; parent?: string; slaves?: string[]; backingFile?: string }

/** A machine described by its block devices and which device holds which path; anything else asked throws. */
function topology(devices: FakeDevice[], paths: Record<string, string>, links: Record<string, string> = {}): BlockTopology {
  const known = (name: string) => {
    const d = devices.find((x) => x.name === name);
    if (!d) throw new Error(`unscripted device ${name}`);
    return d;
  };
  return {
    deviceNumberOf: (path) => paths[path] ?? (() => { throw new Error(`unscripted path ${path}`); })(),
    blockName: (number) => {
      if (number.startsWith('0:')) return undefined;
      const d = devices.find((x) => x.number === number);
      if (!d) throw new Error(`unscripted device number ${number}`);
      return d.name;
    },
    nameOfDevicePath: (path) => links[path] ?? known(path.slice('/dev/'.length)).name,
    parentDisk: (name) => known(name).parent,
    slaves: (name) => known(name).slaves ?? [],
    loopBackingFile: (name) => known(name).backingFile,
  };
}

const line = (id: number, number: string, mountPoint: string, type: string, source: string, superOptions = 'rw') =>
  `${id} 1 ${number} / ${mountPoint} rw,relatime shared:${id} - ${type} ${source} ${superOptions}`;

test('mountinfo: optional fields are skipped and octal escapes decoded', () => {
  const mounts = parseMountInfo([
    '27 1 254:0 / / rw,relatime - ext4 /dev/vda rw,discard',
    '40 27 7:5 / /tmp/my\\040disk/mnt rw,relatime shared:3 master:1 - fuseblk /dev/loop5 rw,user_id=0',
    '',
  ].join('\n'));
  assert.deepEqual(mounts, [
    { majorMinor: '254:0', source: '/dev/vda', mountPoint: '/', fsType: 'ext4', superOptions: 'rw,discard' },
    { majorMinor: '7:5', source: '/dev/loop5', mountPoint: '/tmp/my disk/mnt', fsType: 'fuseblk', superOptions: 'rw,user_id=0' },
  ]);
  const file = join(mkdtempSync(join(tmpdir(), 'taskseq-mountinfo-')), 'mountinfo');
  writeFileSync(file, `${line(1, '8:2', '/', 'ext4', '/dev/sda2')}\n`);
  assert.equal(readMounts(file)[0].source, '/dev/sda2');
  assert.throws(() => parseMountInfo('27 1 254:0 / /'), /mountinfo: cannot read the line 27 1 254:0 \/ \//);
});

test('a root on LVM leads through the device-mapper device to the partition and its disk', () => {
  const topo = topology([
    { name: 'dm-0', number: '253:0', slaves: ['sda3'] }, { name: 'sda3', number: '8:3', parent: 'sda' }, { name: 'sda', number: '8:0' },
  ], { '/': '253:0' });
  const mounts = parseMountInfo(line(1, '253:0', '/', 'ext4', '/dev/mapper/vg-root'));
  assert.deepEqual(findBootDevices(['/'], mounts, topo), [{ path: '/', chain: { devices: ['/dev/dm-0', '/dev/sda3', '/dev/sda'], files: [] } }]);
});

test('a live system: / is an overlay over a squashfs loop image on a USB stick, which is the boot disk', () => {
  const image = '/run/live/medium/live/filesystem.squashfs';
  const topo = topology([
    { name: 'loop0', number: '7:0', backingFile: image }, { name: 'sdb1', number: '8:17', parent: 'sdb' }, { name: 'sdb', number: '8:16' },
  ], { '/': '0:30', '/run/live/rootfs/filesystem.squashfs/': '7:0', '/run/live/overlay/rw': '0:25', [image]: '8:17' });
  const mounts = parseMountInfo([
    line(1, '0:30', '/', 'overlay', 'overlay', 'rw,lowerdir=/run/live/rootfs/filesystem.squashfs/,upperdir=/run/live/overlay/rw,workdir=/run/live/overlay/work'),
    line(2, '0:25', '/run/live/overlay', 'tmpfs', 'tmpfs'),
  ].join('\n'));
  const [root] = findBootDevices(['/'], mounts, topo);
  assert.deepEqual(root, { path: '/', chain: { devices: ['/dev/loop0', '/dev/sdb1', '/dev/sdb'], files: [image] } });
});

test('a container root with nothing readable beneath it says so', () => {
  const topo = topology([], { '/': '0:40', '/var/lib/docker/overlay2/l/ABC': '0:41' });
  const mounts = parseMountInfo(line(1, '0:40', '/', 'overlay', 'overlay', 'rw,lowerdir=/var/lib/docker/overlay2/l/ABC'));
  assert.deepEqual(findBootDevices(['/'], mounts, topo), [{
    path: '/', chain: { devices: [], files: [] },
    unresolved: '/ is on overlay (overlay) and no block device is readable beneath its layers',
  }]);
  const tmpfsRoot = topology([], { '/': '0:22' });
  assert.equal(findBootDevices(['/'], parseMountInfo(line(1, '0:22', '/', 'tmpfs', 'none')), tmpfsRoot)[0].unresolved,
    '/ is on tmpfs (none) with no block device beneath it');
});

test('the agent\'s own file counts as well as /', () => {
  const topo = topology([{ name: 'sda2', number: '8:2', parent: 'sda' }, { name: 'sda', number: '8:0' }, { name: 'sdc1', number: '8:33', parent: 'sdc' }, { name: 'sdc', number: '8:32' }],
    { '/': '8:2', '/media/stick/taskseq.cjs': '8:33' });
  const boot = findBootDevices(['/', '/media/stick/taskseq.cjs'], [], topo);
  assert.deepEqual(boot.map((b) => b.chain.devices), [['/dev/sda2', '/dev/sda'], ['/dev/sdc1', '/dev/sdc']]);
});

test('each mount of a block device or image file lists what is beneath it; a loop\'s backing file is recorded, not followed', () => {
  const topo = topology([
    { name: 'dm-1', number: '253:1', slaves: ['sdb1'] }, { name: 'sdb1', number: '8:17', parent: 'sdb' }, { name: 'sdb', number: '8:16' },
    { name: 'loop5', number: '7:5', backingFile: '/tmp/t/disk.img' },
  ], {}, { '/dev/mapper/vg-data': 'dm-1' });
  const mounts = parseMountInfo([
    line(1, '0:21', '/proc', 'proc', 'proc'),
    line(2, '0:50', '/data', 'xfs', '/dev/mapper/vg-data'),
    line(3, '7:5', '/tmp/t/mnt', 'fuseblk', '/dev/loop5'),
    line(4, '0:60', '/mnt/img', 'fuse', '/srv/part.img'),
  ].join('\n'));
  assert.deepEqual(mountedDevices(mounts, topo), [
    { mountPoint: '/data', chain: { devices: ['/dev/dm-1', '/dev/sdb1', '/dev/sdb'], files: [] } },
    { mountPoint: '/tmp/t/mnt', chain: { devices: ['/dev/loop5'], files: ['/tmp/t/disk.img'] } },
    { mountPoint: '/mnt/img', chain: { devices: [], files: ['/srv/part.img'] } },
  ]);
});

test('device numbers decode the way the kernel encodes them, large minors included', () => {
  assert.equal(deviceNumber(0xfe00n), '254:0');
  assert.equal(deviceNumber(0x10300n), '259:0');
  assert.equal(deviceNumber(0x110300n), '259:256');
});
