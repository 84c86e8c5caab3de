import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEVICE_ELEMENT_BYTES, parsePartitionDevice, renderPartitionDevice } from './bcd-device.ts';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

describe('BCD partition device elements', () => {
  it('MBR: type 6, length 0x48, the offset in bytes at 0x20, style 1 at 0x34, the disk signature at 0x38', () => {
    const bytes = renderPartitionDevice({ style: 'MBR', diskSignature: 0xb3eba8f1, offsetBytes: 368050176 });
    // The published dump of an MBR partition device (partition=C: at byte offset 0x15f00000 on disk b3eba8f1).
    const published = ['00'.repeat(16), '06000000', '00000000', '48000000', '00000000', '0000f01500000000', '00'.repeat(12), '01000000', 'f1a8ebb3', '00'.repeat(28)].join('');
    assert.equal(bytes.length, DEVICE_ELEMENT_BYTES);
    assert.equal(hex(bytes), published);
  });

  it('GPT: the partition GUID at 0x20 and the disk GUID at 0x38, each in on-disk byte order, style 0', () => {
    const bytes = Buffer.from(renderPartitionDevice({ style: 'GPT', diskGuid: '00112233-4455-6677-8899-AABBCCDDEEFF', partitionGuid: '01020304-0506-0708-090A-0B0C0D0E0F10' }));
    assert.equal(bytes.readUInt32LE(0x10), 6);
    assert.equal(bytes.readUInt32LE(0x18), 0x48);
    assert.equal(hex(bytes.subarray(0x20, 0x30)), '0403020106050807090a0b0c0d0e0f10');
    assert.equal(bytes.readUInt32LE(0x34), 0);
    assert.equal(hex(bytes.subarray(0x38, 0x48)), '33221100554477668899aabbccddeeff');
    assert.equal(hex(bytes.subarray(0, 0x10)) + hex(bytes.subarray(0x48)), '00'.repeat(32));
  });

  it('reads back what it writes, and nothing from a device that is not a partition', () => {
    const gpt = { style: 'GPT', diskGuid: '00112233-4455-6677-8899-AABBCCDDEEFF', partitionGuid: '01020304-0506-0708-090A-0B0C0D0E0F10' } as const;
    const mbr = { style: 'MBR', diskSignature: 0x1234abcd, offsetBytes: 1048576 } as const;
    assert.deepEqual(parsePartitionDevice(renderPartitionDevice(gpt)), gpt);
    assert.deepEqual(parsePartitionDevice(renderPartitionDevice(mbr)), mbr);
    const boot = Buffer.from(renderPartitionDevice(mbr));
    boot.writeUInt32LE(5, 0x10);
    assert.equal(parsePartitionDevice(boot), undefined);
    assert.throws(() => renderPartitionDevice({ style: 'MBR', diskSignature: 1, offsetBytes: -1 }), /not a partition offset/);
  });
});
