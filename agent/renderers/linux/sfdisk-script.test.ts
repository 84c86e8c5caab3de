import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gptTypeOf } from '../../../engine/index.ts';
import type { DiskFacts, PartitionLayout } from '../../../engine/index.ts';
import { parsePartitionDiskOptions, planLayout } from '../../../steps/partition-disk/index.ts';
import { disk, MDT_BIOS, MDT_UEFI, MiB, optionSet, RECOVERY_FIRST } from '../../../steps/partition-disk/test-fixtures.ts';
import { renderFormatCommands, renderSfdiskScript } from './sfdisk-script.ts';

function layoutOf(options: Record<string, string>, target: DiskFacts): PartitionLayout {
  const r = planLayout(parsePartitionDiskOptions((p) => options[p], Object.keys(options)).options, target);
  if ('error' in r) assert.fail(r.error);
  return r.layout;
}
const golden = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

const EXTENDED = optionSet('MBR', [['Primary', '500', 'MB', 'NTFS', { Bootable: 'true' }], ['Extended', '10', 'GB'], ['Logical', '4', 'GB', 'NTFS'], ['Logical', undefined, undefined, 'FAT32'], ['Primary', undefined, undefined, 'NTFS']]);
const CASES: Array<[string, Record<string, string>, DiskFacts]> = [
  ['mdt-uefi.sfdisk', MDT_UEFI, disk()],
  ['mdt-bios.sfdisk', MDT_BIOS, disk()],
  ['recovery-first-4k.sfdisk', RECOVERY_FIRST, disk({ sectorSize: 4096 })],
  ['extended.sfdisk', EXTENDED, disk()],
];

for (const [name, options, target] of CASES) {
  test(`sfdisk script golden: ${name}`, () => {
    assert.equal(renderSfdiskScript(layoutOf(options, target), target), golden(name));
  });
}

test('a layout the disk cannot hold is refused by the engine layout check; a large FAT32 volume is not (mkfs.fat formats it)', () => {
  const uefi = layoutOf(MDT_UEFI, disk());
  const overlapping = { ...uefi, partitions: uefi.partitions.map((p, i) => (i === 1 ? { ...p, offsetBytes: p.offsetBytes - MiB } : p)) };
  assert.throws(() => renderSfdiskScript(overlapping, disk()), /^TaskseqError: disk 0 partition 2: overlaps partition 1$/);
  const bigFat = { ...uefi, partitions: uefi.partitions.map((p) => (p.number === 3 ? { ...p, fileSystem: 'FAT32' as const } : p)) };
  assert.match(renderSfdiskScript(bigFat, disk()), /^label: gpt\n/);
});

test('format commands: FAT32 with label, NTFS quick with label, unformatted skipped; the partition start as hidden sectors', () => {
  const cmds = renderFormatCommands(layoutOf(MDT_UEFI, disk()), (n) => `/dev/nvme0n1p${n}`, 512);
  const geometry = ['--heads', '255', '--sectors-per-track', '63'];
  assert.deepEqual(cmds, [
    ['mkfs.fat', '-F', '32', '-I', '-h', '2048', '-n', 'Boot', '/dev/nvme0n1p1'],
    ['mkfs.ntfs', '--quick', '--label', 'Windows', '--partition-start', '1286144', ...geometry, '/dev/nvme0n1p3'],
    ['mkfs.ntfs', '--quick', '--label', 'Recovery', '--partition-start', '265760768', ...geometry, '/dev/nvme0n1p4'],
  ]);
  const slow = renderFormatCommands(layoutOf(optionSet('MBR', [['Primary', undefined, undefined, 'NTFS', { QuickFormat: 'false' }]]), disk()), (n) => `/dev/sda${n}`, 512);
  assert.deepEqual(slow, [['mkfs.ntfs', '--partition-start', '2048', ...geometry, '/dev/sda1']]);
  const fourK = renderFormatCommands(layoutOf(MDT_UEFI, disk({ sectorSize: 4096 })), (n) => `/dev/sdb${n}`, 4096);
  assert.deepEqual(fourK.map((argv) => argv[argv.indexOf(argv[0] === 'mkfs.fat' ? '-h' : '--partition-start') + 1]), ['256', String(1286144 / 8), String(265760768 / 8)]);
});

const haveSfdisk = spawnSync('sfdisk', ['--version']).status === 0;

/** Writes the script to a sparse image with the real sfdisk and reads the table back as JSON. */
function applyWithSfdisk(script: string, target: DiskFacts) {
  const dir = mkdtempSync(join(tmpdir(), 'taskseq-sfdisk-'));
  try {
    const image = join(dir, 'disk.img');
    writeFileSync(image, '');
    truncateSync(image, target.sizeBytes);
    execFileSync('sfdisk', ['--no-reread', '--no-tell-kernel', image], { input: script, stdio: ['pipe', 'ignore', 'pipe'] });
    return JSON.parse(execFileSync('sfdisk', ['--json', image], { encoding: 'utf8' })).partitiontable;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// sfdisk treats a regular file as a 512-byte-sector device (2.38 has no option to change that; a 4Kn check would
// need a loop device), so the image check runs the 512-byte cases plus recovery-first on a 512-byte disk.
const IMAGE_CASES = [...CASES.filter(([, , d]) => d.sectorSize === 512), ['recovery-first.sfdisk', RECOVERY_FIRST, disk()] as (typeof CASES)[number]];
for (const [name, options, target] of IMAGE_CASES) {
  test(`the real sfdisk writes the planned table: ${name}`, { skip: !haveSfdisk && 'sfdisk not installed' }, () => {
    const layout = layoutOf(options, target);
    const table = applyWithSfdisk(renderSfdiskScript(layout, target), target);
    assert.equal(table.label, layout.style === 'GPT' ? 'gpt' : 'dos');
    assert.equal(table.sectorsize, target.sectorSize);
    const got = table.partitions.map((p: { node: string; start: number; size: number; bootable?: boolean }) => [Number(/(\d+)$/.exec(p.node)![1]), p.start * target.sectorSize, p.size * target.sectorSize, p.bootable === true]);
    const want = layout.partitions.map((p) => [p.number, p.offsetBytes, p.sizeBytes, p.active]);
    const byNumber = (a: unknown[], b: unknown[]) => (a[0] as number) - (b[0] as number);
    assert.deepEqual(got.sort(byNumber), want.sort(byNumber));
    if (layout.style === 'GPT') {
      assert.deepEqual(table.partitions.map((p: { type: string }) => p.type), layout.partitions.map((p) => gptTypeOf(p.role)));
      const recovery = table.partitions.find((p: { type: string }) => p.type === gptTypeOf('Recovery'));
      if (recovery) assert.equal(recovery.attrs, 'RequiredPartition GUID:63');
    }
  });
}

test('format commands: a volume label that looks like an option stays the argument of -n (real mkfs.fat)', (t) => {
  const layout = layoutOf(optionSet('MBR', [['Primary', '500', 'MB', 'FAT32', { VolumeName: '-I' }]]), disk());
  const dir = mkdtempSync(join(tmpdir(), 'taskseq-mkfs-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const image = join(dir, 'part.img');
  writeFileSync(image, '');
  truncateSync(image, 64 * 1024 * 1024);
  const [argv] = renderFormatCommands(layout, () => image, 512);
  assert.deepEqual(argv, ['mkfs.fat', '-F', '32', '-I', '-h', '2048', '-n', '-I', image]);
  if (spawnSync('mkfs.fat', ['--help']).error) return t.skip('mkfs.fat is not installed');
  execFileSync(argv[0], argv.slice(1), { stdio: 'ignore' });
  // The FAT32 boot sector keeps the label at offset 0x47, padded with spaces to 11 bytes.
  assert.equal(readFileSync(image).subarray(0x47, 0x47 + 11).toString('latin1'), '-I'.padEnd(11, ' '));
});
