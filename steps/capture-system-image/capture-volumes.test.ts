import { test } from 'node:test';
import assert from 'node:assert/strict';
import { letteredVolumes, planCaptureVolumes, renderImageName } from './capture-volumes.ts';
import { captureDisks } from './test-fixtures.ts';

test('fixed-disk NTFS/FAT32 lettered volumes are chosen in disk/partition order', () => {
  const plan = planCaptureVolumes(captureDisks());
  assert.deepEqual(plan.volumes.map((v) => [v.letter, v.disk, v.partition, v.fileSystem]), [
    ['C:', 0, 3, 'NTFS'], ['D:', 0, 5, 'NTFS'], ['G:', 1, 2, 'FAT32'],
  ]);
});

test('removable/USB, system partitions, RAW and unlettered volumes are skipped with a reason', () => {
  const skipped = planCaptureVolumes(captureDisks()).skipped.map((s) => `${s.describe}: ${s.reason}`);
  assert.deepEqual(skipped, [
    'disk 0 partition 1 (S:, FAT32 "EFI"): EFI partition',
    'disk 0 partition 2 (no volume): MSR partition',
    'disk 0 partition 4 (NTFS "Recovery"): Recovery partition',
    'disk 0 partition 6 (NTFS "Hidden data"): no drive letter',
    'disk 1 partition 1 (F:, RAW): not formatted',
    'disk 2 partition 1 (U:, FAT32 "USB"): on a USB disk',
  ]);
});

test('a removable disk on another bus is skipped too', () => {
  const disks = captureDisks().map((d) => (d.index === 1 ? { ...d, removable: true } : d));
  const plan = planCaptureVolumes(disks);
  assert.deepEqual(plan.volumes.map((v) => v.letter), ['C:', 'D:']);
  assert.ok(plan.skipped.some((s) => s.letter === 'G:' && s.reason === 'on a removable disk'));
});

test('image names: letter and label, or Volume without a label', () => {
  const [c, d] = planCaptureVolumes(captureDisks()).volumes;
  assert.equal(renderImageName(c), 'C: Windows');
  assert.equal(renderImageName(d), 'D: Volume');
});

test('lettered volumes include skipped ones', () => {
  assert.deepEqual(letteredVolumes(captureDisks()).sort(), ['C:', 'D:', 'F:', 'G:', 'S:', 'U:']);
});
