import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { lhHash } from './hive-cells.ts';
import { BASE_BLOCK_BYTES, baseBlockChecksum, fileTime, renderHive, type HiveKey } from './hive-file.ts';
import { exportHive, hiveToolsAvailable, stringOf } from './test-support/hive-export.ts';

const AT = new Date('2026-01-02T03:04:05Z');
const sz = (s: string) => Buffer.from(`${s}\0`, 'utf16le');

/** Every cell of every bin, walked by its size field: [bin start, offset, size (negative = used)]. */
function cellsOf(hive: Buffer): Array<{ at: number; size: number }> {
  const out: Array<{ at: number; size: number }> = [];
  const binsBytes = hive.readUInt32LE(40);
  for (let bin = 0; bin < binsBytes;) {
    const at = BASE_BLOCK_BYTES + bin;
    assert.equal(hive.toString('latin1', at, at + 4), 'hbin');
    assert.equal(hive.readUInt32LE(at + 4), bin);
    const size = hive.readUInt32LE(at + 8);
    assert.equal(size % 4096, 0);
    for (let c = bin + 32; c < bin + size;) {
      const cell = hive.readInt32LE(BASE_BLOCK_BYTES + c);
      assert.notEqual(cell, 0, `cell at ${c} has size 0`);
      assert.equal(Math.abs(cell) % 8, 0);
      out.push({ at: c, size: cell });
      c += Math.abs(cell);
      assert.ok(c <= bin + size, `cell at ${c} crosses its bin`);
    }
    bin += size;
  }
  return out;
}

describe('registry hive writer', () => {
  const tree: HiveKey = {
    name: 'Root',
    subkeys: [
      { name: 'b', values: [{ name: 'Text', type: 1, data: sz('hello') }, { name: 'N', type: 4, data: Buffer.from([1, 0, 0, 0]) }] },
      { name: 'A', subkeys: [{ name: 'Inner' }] },
    ],
  };

  it('writes a base block with the signature, the root key, the bins size and its checksum', () => {
    const hive = Buffer.from(renderHive(tree, AT));
    assert.equal(hive.toString('latin1', 0, 4), 'regf');
    assert.equal(hive.readUInt32LE(4), hive.readUInt32LE(8), 'sequence numbers agree: the hive is clean');
    assert.equal(hive.readBigUInt64LE(12), fileTime(AT));
    assert.deepEqual([hive.readUInt32LE(20), hive.readUInt32LE(24), hive.readUInt32LE(28), hive.readUInt32LE(32)], [1, 3, 0, 1]);
    assert.equal(hive.readUInt32LE(508), baseBlockChecksum(hive));
    assert.equal(hive.length, BASE_BLOCK_BYTES + hive.readUInt32LE(40));
    const root = BASE_BLOCK_BYTES + hive.readUInt32LE(36) + 4;
    assert.equal(hive.toString('latin1', root, root + 2), 'nk');
    assert.equal(hive.readUInt16LE(root + 2), 0x2c, 'root entry, not deletable, ASCII name');
    assert.equal(hive.toString('latin1', root + 76, root + 76 + hive.readUInt16LE(root + 72)), 'Root');
    assert.equal(hive.readUInt32LE(root + 20), 2);
  });

  it('fills each bin with cells and one free cell at its end', () => {
    const cells = cellsOf(Buffer.from(renderHive(tree, AT)));
    assert.ok(cells.filter((c) => c.size < 0).length >= 10);
    assert.equal(cells.at(-1)!.size > 0, true);
  });

  it('spreads many keys over several 4 KiB bins, no cell crossing one', () => {
    const many: HiveKey = { name: 'R', subkeys: Array.from({ length: 300 }, (_, i) => ({ name: `key${i}`, values: [{ name: 'v', type: 1, data: sz(`value ${i}`) }] })) };
    const hive = Buffer.from(renderHive(many, AT));
    assert.ok(hive.readUInt32LE(40) > 4096);
    cellsOf(hive);
  });

  it('is deterministic: the same tree and time give the same bytes', () => {
    assert.deepEqual(renderHive(tree, AT), renderHive(tree, AT));
  });

  it('hashes names for lh lists from their upper-case characters', () => {
    assert.equal(lhHash('ab'), lhHash('AB'));
    assert.equal(lhHash('AB'), 65 * 37 + 66);
  });

  it('refuses two subkeys whose names differ only in case, and data too large for a cell', () => {
    assert.throws(() => renderHive({ name: 'R', subkeys: [{ name: 'x' }, { name: 'X' }] }, AT), /two subkeys named/);
    assert.throws(() => renderHive({ name: 'R', values: [{ name: 'v', type: 3, data: Buffer.alloc(20000) }] }, AT), /more than a hive cell/);
  });

  it('reads back with the registry-hive tools: keys, values and types', { skip: !hiveToolsAvailable() && 'hivexregedit (libwin-hivex-perl) is not installed' }, () => {
    const dir = mkdtempSync(join(tmpdir(), 'taskseq-hive-'));
    try {
      const file = join(dir, 'hive');
      const many: HiveKey = { ...tree, subkeys: [...tree.subkeys!, ...Array.from({ length: 200 }, (_, i) => ({ name: `k${i}` }))] };
      writeFileSync(file, renderHive(many, AT));
      const exported = exportHive(file);
      assert.equal(stringOf(exported.get('\\b')?.get('Text')), 'hello');
      assert.deepEqual(exported.get('\\b')?.get('N'), { type: 4, bytes: Buffer.from([1, 0, 0, 0]) });
      assert.ok(exported.has('\\A\\Inner'));
      assert.equal([...exported.keys()].filter((k) => /^\\k\d+$/.test(k)).length, 200);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
