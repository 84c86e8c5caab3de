import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DiskFacts } from '../../../engine/index.ts';
import { packageFolderOn } from '../../content/package-destination.ts';
import { driveLetter, requireDriveLetter, volumeByLetter } from './command-plan.ts';

const disk: DiskFacts = {
  index: 1, sizeBytes: 1 << 30, sectorSize: 512, bus: 'SATA', removable: false, model: '', serialNumber: '', style: 'GPT',
  partitions: [{ number: 2, role: 'Primary', offsetBytes: 1 << 20, sizeBytes: 1 << 29, active: false, volume: { letter: 'd:', fileSystem: 'NTFS', label: '', sizeBytes: 1 << 29, usedBytes: 0 } }],
};

describe('drive letters, one rule', () => {
  it('a letter however it is written, and nothing else', () => {
    for (const v of ['d', 'D:', ' d:\\ ']) assert.equal(driveLetter(v), 'D:', v);
    for (const v of ['', 'DD', 'D:\\x', '1:', '\\\\srv']) assert.equal(driveLetter(v), undefined, v);
    assert.throws(() => requireDriveLetter('D:\\x'), /not a drive letter: D:\\x/);
  });

  it('finds a volume by its letter or by a path on it', () => {
    assert.equal(volumeByLetter([disk], 'D')?.partition.number, 2);
    assert.equal(volumeByLetter([disk], 'd:\\Captures\\x.wim')?.disk.index, 1);
    assert.equal(volumeByLetter([disk], 'E:'), undefined);
  });

  it('a package folder on a destination', () => {
    assert.deepEqual(packageFolderOn('d:\\Drivers\\', 'PKG1'), { letter: 'D:', folder: 'Drivers\\PKG1' });
    assert.deepEqual(packageFolderOn('D:', 'PKG1'), { letter: 'D:', folder: 'PKG1' });
    assert.throws(() => packageFolderOn('Drivers', 'PKG1'), /not a drive path/);
  });
});
