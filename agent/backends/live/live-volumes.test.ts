// The live volumes object over a plain folder standing for a mounted NTFS volume (the loop test mounts a real one).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { createLiveVolumes, fileSystemRefusal, type VolumeInfo } from './live-volumes.ts';

const FAT32_REFUSAL = fileSystemRefusal('FAT32');

function withVolumes(use: (v: ReturnType<typeof createLiveVolumes>) => void): void {
  const root = mkdtempSync(join(tmpdir(), 'taskseq-volumes-'));
  const info: Record<string, VolumeInfo> = {
    'C:': { fileSystem: 'NTFS', sizeBytes: 1e9 }, 'S:': { fileSystem: 'FAT32', sizeBytes: 1e8 },
    'E:': { fileSystem: 'RAW', sizeBytes: 5e8 }, 'F:': { fileSystem: 'NTFS', sizeBytes: 1e9 },
  };
  try {
    use(createLiveVolumes({ volume: (l) => info[l], rootOf: (l) => (l === 'C:' ? root : undefined), fileSystems: ['NTFS'] }));
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

describe('live volumes', () => {
  it('Windows paths: either separator, the drive prefix, names matched case-insensitively, new names as written', () => withVolumes((v) => {
    v.writeFile('C:', 'Windows\\Panther\\unattend.xml', 'a');
    v.writeFile('c', 'C:\\WINDOWS\\panther/Setup.log', 'b');
    assert.deepEqual(v.list('C:', 'windows\\PANTHER'), ['Setup.log', 'unattend.xml']);
    assert.equal(v.readFile('C:', '\\windows\\panther\\UNATTEND.xml'), 'a');
    assert.equal(v.readFile('C:', 'Windows\\nothing.txt'), undefined);
    assert.equal(v.exists('C:', 'WINDOWS'), true);
    assert.throws(() => v.readFile('C:', 'Windows\\..\\..\\etc\\passwd'), /'\.\.' \(a name of dots/);
  }));

  it('refusals: no such volume, FAT32 (boot files only), not formatted, not mounted', () => withVolumes((v) => {
    assert.throws(() => v.readFile('Q:', 'x'), { name: 'TaskseqError', message: 'no volume Q: on this machine' });
    assert.throws(() => v.writeFile('S:', 'EFI\\x.txt', 'x'), { message: `cannot use EFI\\x.txt on S: (FAT32): ${FAT32_REFUSAL}` });
    assert.throws(() => v.list('S:'), new RegExp(FAT32_REFUSAL));
    assert.throws(() => v.writeFile('E:', 'x.txt', 'x'), { message: 'cannot write x.txt: volume E: is not formatted (RAW)' });
    assert.deepEqual([v.readFile('E:', 'x'), v.exists('E:', 'x'), v.list('E:'), v.wipe('E:', []), v.freeBytes('E:')], [undefined, false, [], 0, 5e8]);
    assert.throws(() => v.list('F:'), { message: 'volume F: is not mounted' });
  }));

  it('wipe keeps the named top-level entries (any case) and counts what it removed; free bytes come from the file system', () => withVolumes((v) => {
    for (const p of ['_SMSTaskSequence\\a', 'Users\\b', 'Windows\\c', 'pagefile.sys']) v.writeFile('C:', p, 'x');
    assert.equal(v.wipe('C:', ['_smstasksequence', 'USERS']), 2);
    assert.deepEqual(v.list('C:'), ['Users', '_SMSTaskSequence']);
    assert.ok(v.freeBytes('C:') > 0);
  }));

  it('a backend that reaches FAT32 volumes (Windows) reads and writes them as NTFS ones', () => {
    const root = mkdtempSync(join(tmpdir(), 'taskseq-volumes-'));
    try {
      const v = createLiveVolumes({ volume: () => ({ fileSystem: 'FAT32', sizeBytes: 1e8 }), rootOf: () => root, fileSystems: ['NTFS', 'FAT32'] });
      v.writeFile('S:', 'EFI\\Boot\\x.txt', 'x');
      assert.equal(v.readFile('S:', 'efi\\boot\\X.TXT'), 'x');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
