import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseDetailDisk, parseDetailPartitions, parseListPartition } from './diskpart-detail.ts';

const crlf = (lines: string[]) => lines.join('\r\n');

/** `select disk 0`, `detail disk` of the running Windows' disk in the full OS. */
const DETAIL_DISK = crlf([
  '',
  'Disk 0 is now the selected disk.',
  '',
  'DISKPART> ',
  'WDC WD10EZEX-08WN4A0',
  'Disk ID: {7A3B9C21-0D4E-4F55-8A6B-1C2D3E4F5A6B}',
  'Type   : SATA',
  'Status : Online',
  'Path   : 0',
  'Target : 0',
  'LUN ID : 0',
  'Location Path : PCIROOT(0)#PCI(1700)#ATA(C00T00L00)',
  'Current Read-only State : No',
  'Read-only  : No',
  'Boot Disk  : Yes',
  'Pagefile Disk  : Yes',
  'Hibernation File Disk  : No',
  'Crashdump Disk  : Yes',
  'Clustered Disk  : No',
  '',
  '  Volume ###  Ltr  Label        Fs     Type        Size     Status     Info',
  '  ----------  ---  -----------  -----  ----------  -------  ---------  --------',
  '  Volume 1     C   Local Disk   NTFS   Partition    930 GB  Healthy    Boot',
  '  Volume 2         System Rese  NTFS   Partition    549 MB  Healthy    System',
  '',
]);

test('detail disk: the model, bus, flags, in-use files and the volume table (labels with spaces kept)', () => {
  const d = parseDetailDisk(DETAIL_DISK);
  assert.equal(d.model, 'WDC WD10EZEX-08WN4A0');
  assert.equal(d.bus, 'SATA');
  assert.equal(d.readOnly, false);
  assert.equal(d.bootDisk, true);
  assert.deepEqual(d.systemFiles, ['the page file', 'the crash dump']);
  assert.deepEqual(d.volumes.map((v) => [v.index, v.letter, v.label, v.fileSystem, v.sizeBytes, v.info]), [
    [1, 'C:', 'Local Disk', 'NTFS', 930 * 2 ** 30, 'Boot'],
    [2, undefined, 'System Rese', 'NTFS', 549 * 2 ** 20, 'System'],
  ]);
});

test('detail disk: a read-only disk without volumes, and a virtual bus whose name has spaces', () => {
  const text = DETAIL_DISK.replace('Type   : SATA', 'Type   : File Backed Virtual').replace('Read-only  : No', 'Read-only  : Yes')
    .replace(/ {2}Volume ###[\s\S]*$/, 'There are no volumes.\r\n');
  const d = parseDetailDisk(text);
  assert.equal(d.bus, 'File Backed Virtual');
  assert.equal(d.readOnly, true);
  assert.deepEqual(d.volumes, []);
});

test('detail disk: output without a Disk ID line is refused', () => {
  assert.throws(() => parseDetailDisk('Disk 0 is now the selected disk.\r\n'), { code: 'invalid-input', message: /detail disk output has no "Disk ID" line/ });
});

const LIST_PARTITION = crlf([
  '',
  '  Partition ###  Type              Size     Offset',
  '  -------------  ----------------  -------  -------',
  '  Partition 1    System             100 MB  1024 KB',
  '  Partition 2    Reserved            16 MB   101 MB',
  '* Partition 3    Primary            930 GB   117 MB',
  '  Partition 4    Recovery           625 MB   930 GB',
  '',
]);

test('list partition: numbers, types, sizes and offsets in binary units; the selected one marked', () => {
  assert.deepEqual(parseListPartition(LIST_PARTITION), [
    { number: 1, type: 'System', sizeBytes: 100 * 2 ** 20, offsetBytes: 2 ** 20 },
    { number: 2, type: 'Reserved', sizeBytes: 16 * 2 ** 20, offsetBytes: 101 * 2 ** 20 },
    { number: 3, type: 'Primary', sizeBytes: 930 * 2 ** 30, offsetBytes: 117 * 2 ** 20 },
    { number: 4, type: 'Recovery', sizeBytes: 625 * 2 ** 20, offsetBytes: 930 * 2 ** 30 },
  ]);
});

test('list partition: a disk without partitions lists none', () => {
  assert.deepEqual(parseListPartition('\r\nThere are no partitions on this disk to show.\r\n'), []);
});

test('list partition: an unexpected row or size is refused naming the line', () => {
  const badName = LIST_PARTITION.replace('  Partition 2    Reserved', '  Volume 2       Reserved');
  assert.throws(() => parseListPartition(badName), { code: 'invalid-input', message: /list partition output, line 5 \("Volume 2 +Reserved.*"\): expected "Partition <number>"/ });
  const badSize = LIST_PARTITION.replace(' 16 MB', '16 XB');
  assert.throws(() => parseListPartition(badSize), { code: 'invalid-input', message: /line 5 .*"16 XB" is not a size like 476 GB/ });
  assert.throws(() => parseListPartition('DISKPART> \r\n'), { code: 'invalid-input', message: /no "Partition ###" header followed by a dashes line/ });
});

/** `select partition N` + `detail partition` for each partition of a GPT disk, in one diskpart run. */
const DETAIL_GPT = crlf([
  'Partition 1 is now the selected partition.',
  '',
  'DISKPART> ',
  'Partition 1',
  'Type    : c12a7328-f81f-11d2-ba4b-00a0c93ec93b',
  'Hidden  : Yes',
  'Required: No',
  'Attrib  : 0X8000000000000000',
  'Offset in Bytes: 1048576',
  '',
  '  Volume ###  Ltr  Label        Fs     Type        Size     Status     Info',
  '  ----------  ---  -----------  -----  ----------  -------  ---------  --------',
  '* Volume 2                      FAT32  Partition    100 MB  Healthy    Hidden',
  '',
  'DISKPART> ',
  'Partition 2 is now the selected partition.',
  '',
  'DISKPART> ',
  'Partition 2',
  'Type    : E3C9E316-0B5C-4DB8-817D-F92DF00215AE',
  'Hidden  : Yes',
  'Required: No',
  'Attrib  : 0X8000000000000000',
  'Offset in Bytes: 105906176',
  '',
  'There is no volume associated with this partition.',
  '',
  'DISKPART> ',
  'Partition 4 is now the selected partition.',
  '',
  'DISKPART> ',
  'Partition 4',
  'Type    : de94bba4-06d1-4d40-a16a-bfd50179d6ac',
  'Hidden  : Yes',
  'Required: Yes',
  'Attrib  : 0X8000000000000001',
  'Offset in Bytes: 998579896320',
  '',
  '  Volume ###  Ltr  Label        Fs     Type        Size     Status     Info',
  '  ----------  ---  -----------  -----  ----------  -------  ---------  --------',
  '* Volume 3         Windows RE   NTFS   Partition    625 MB  Healthy    Hidden',
  '',
]);

test('detail partition (GPT): type GUIDs lower-cased, attributes as a number, exact offsets, the volume when there is one', () => {
  const parts = parseDetailPartitions(DETAIL_GPT);
  assert.deepEqual(parts.map((p) => [p.number, p.type, p.hidden, p.attributes, p.active, p.offsetBytes]), [
    [1, 'c12a7328-f81f-11d2-ba4b-00a0c93ec93b', true, 0x8000000000000000n, false, 1048576],
    [2, 'e3c9e316-0b5c-4db8-817d-f92df00215ae', true, 0x8000000000000000n, false, 105906176],
    [4, 'de94bba4-06d1-4d40-a16a-bfd50179d6ac', true, 0x8000000000000001n, false, 998579896320],
  ]);
  assert.deepEqual([parts[0]!.volume?.fileSystem, parts[0]!.volume?.letter, parts[1]!.volume, parts[2]!.volume?.label], ['FAT32', undefined, undefined, 'Windows RE']);
});

test('detail partition (MBR): the type id, the active flag, no attributes', () => {
  const text = crlf([
    'Partition 1',
    'Type  : 07',
    'Hidden: No',
    'Active: Yes',
    'Offset in Bytes: 1048576',
    '',
    '  Volume ###  Ltr  Label        Fs     Type        Size     Status     Info',
    '  ----------  ---  -----------  -----  ----------  -------  ---------  --------',
    '* Volume 1     C   System Rese  NTFS   Partition    549 MB  Healthy    System',
    '',
  ]);
  const [p] = parseDetailPartitions(text);
  assert.deepEqual([p!.number, p!.type, p!.hidden, p!.active, p!.attributes, p!.offsetBytes, p!.volume?.letter, p!.volume?.label], [1, '07', false, true, 0n, 1048576, 'C:', 'System Rese']);
});

test('detail partition: a block without a Type or an exact offset is refused naming the partition', () => {
  assert.throws(() => parseDetailPartitions('Partition 3\r\nType  : 07\r\nHidden: No\r\n'), { code: 'invalid-input', message: /detail partition output for partition 3 has no Type or Offset in Bytes line/ });
  assert.throws(() => parseDetailPartitions('Partition 3\r\nType  : 07\r\nOffset in Bytes: 1024 KB\r\n'), { code: 'invalid-input', message: /partition 3/ });
});
