import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parsePartitionDevice } from './bcd-device.ts';
import { BOOT_MANAGER_ID, renderBcdStore, type BcdStoreSpec } from './bcd-store.ts';
import { exportHive, hiveToolsAvailable, hivexget, stringOf, type HiveExport } from './test-support/hive-export.ts';

const LOADER = '{3f0c2a8e-5b1d-4c6e-9a7f-0123456789ab}';
const spec: BcdStoreSpec = {
  firmware: 'UEFI',
  bootPartition: { style: 'GPT', diskGuid: '11111111-2222-4333-8444-555555555555', partitionGuid: 'AAAAAAAA-BBBB-4CCC-8DDD-EEEEEEEEEEEE' },
  windowsPartition: { style: 'GPT', diskGuid: '11111111-2222-4333-8444-555555555555', partitionGuid: '99999999-8888-4777-8666-555555555555' },
  systemRoot: '\\Windows', loaderId: LOADER, loaderDescription: 'Windows 11', locale: 'en-US', timeoutSeconds: 30,
  writtenAt: new Date('2026-03-04T05:06:07Z'),
};

function withStore<T>(s: BcdStoreSpec, use: (file: string, exported: HiveExport) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'taskseq-bcd-'));
  try {
    const file = join(dir, 'BCD');
    writeFileSync(file, renderBcdStore(s));
    return use(file, exportHive(file));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const element = (e: HiveExport, object: string, id: string) => e.get(`\\Objects\\${object}\\Elements\\${id}`)?.get('Element');
const u64 = (e: HiveExport, object: string, id: string) => Number(element(e, object, id)!.bytes.readBigUInt64LE(0));

describe('BCD store', { skip: !hiveToolsAvailable() && 'hivexregedit (libwin-hivex-perl) is not installed' }, () => {
  it('is a BCD hive: Description names it BCD00000000 and marks it the system store', () => {
    withStore(spec, (file, e) => {
      assert.equal(hivexget(file, '\\Description', 'KeyName'), 'BCD00000000');
      assert.equal(hivexget(file, '\\Description', 'System'), '1');
      assert.equal(hivexget(file, '\\Description', 'TreatAsSystem'), '1');
      assert.deepEqual([...e.keys()].filter((k) => /^\\Objects\\[^\\]+$/.test(k)).sort(), [`\\Objects\\${LOADER}`, `\\Objects\\${BOOT_MANAGER_ID}`].sort());
    });
  });

  it('the Windows Boot Manager: type, the EFI system partition, its path, menu and default', () => {
    withStore(spec, (file, e) => {
      assert.equal(hivexget(file, `\\Objects\\${BOOT_MANAGER_ID}\\Description`, 'Type'), String(0x10100002));
      assert.deepEqual(parsePartitionDevice(element(e, BOOT_MANAGER_ID, '11000001')!.bytes), spec.bootPartition);
      assert.equal(stringOf(element(e, BOOT_MANAGER_ID, '12000002')), '\\EFI\\Microsoft\\Boot\\bootmgfw.efi');
      assert.equal(stringOf(element(e, BOOT_MANAGER_ID, '12000004')), 'Windows Boot Manager');
      assert.equal(stringOf(element(e, BOOT_MANAGER_ID, '12000005')), 'en-US');
      assert.equal(stringOf(element(e, BOOT_MANAGER_ID, '23000003')), LOADER);
      assert.equal(element(e, BOOT_MANAGER_ID, '24000001')!.type, 7);
      assert.equal(element(e, BOOT_MANAGER_ID, '24000001')!.bytes.toString('utf16le'), `${LOADER}\0\0`);
      assert.equal(u64(e, BOOT_MANAGER_ID, '25000004'), 30);
    });
  });

  it('the Windows Boot Loader: type, the Windows partition as device and OS device, winload.efi and the system root', () => {
    withStore(spec, (file, e) => {
      assert.equal(hivexget(file, `\\Objects\\${LOADER}\\Description`, 'Type'), String(0x10200003));
      assert.deepEqual(parsePartitionDevice(element(e, LOADER, '11000001')!.bytes), spec.windowsPartition);
      assert.deepEqual(parsePartitionDevice(element(e, LOADER, '21000001')!.bytes), spec.windowsPartition);
      assert.equal(stringOf(element(e, LOADER, '12000002')), '\\Windows\\system32\\winload.efi');
      assert.equal(stringOf(element(e, LOADER, '12000004')), 'Windows 11');
      assert.equal(stringOf(element(e, LOADER, '22000002')), '\\Windows');
      assert.deepEqual(element(e, LOADER, '16000060')!.bytes, Buffer.from([1]));
      assert.equal(u64(e, LOADER, '250000c2'), 1);
      assert.equal(u64(e, LOADER, '25000020'), 0);
    });
  });

  it('BIOS: winload.exe, no boot manager path, MBR partitions by offset and disk signature', () => {
    const bios: BcdStoreSpec = {
      ...spec, firmware: 'BIOS',
      bootPartition: { style: 'MBR', diskSignature: 0xdeadbeef, offsetBytes: 1048576 },
      windowsPartition: { style: 'MBR', diskSignature: 0xdeadbeef, offsetBytes: 524288000 },
    };
    withStore(bios, (_file, e) => {
      assert.equal(element(e, BOOT_MANAGER_ID, '12000002'), undefined);
      assert.deepEqual(parsePartitionDevice(element(e, BOOT_MANAGER_ID, '11000001')!.bytes), bios.bootPartition);
      assert.deepEqual(parsePartitionDevice(element(e, LOADER, '21000001')!.bytes), bios.windowsPartition);
      assert.equal(stringOf(element(e, LOADER, '12000002')), '\\Windows\\system32\\winload.exe');
    });
  });

  it('refuses a loader id or system root it cannot write', () => {
    assert.throws(() => renderBcdStore({ ...spec, loaderId: '3f0c2a8e-5b1d-4c6e-9a7f-0123456789ab' }), /not a \{GUID\}/);
    assert.throws(() => renderBcdStore({ ...spec, systemRoot: 'Windows' }), /not a folder like/);
  });
});
