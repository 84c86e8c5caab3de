import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pciDevice, readPciDevices } from './pci-devices.ts';

test('PCI IDs in the order Windows lists them', () => {
  const d = pciDevice({ slot: '0000:00:1f.6', vendor: '8086', device: '1A1F', subsystemVendor: '17AA', subsystemDevice: '22DF', revision: '01', classCode: '020000' });
  assert.equal(d.deviceId, 'PCI\\VEN_8086&DEV_1A1F&SUBSYS_22DF17AA&REV_01\\0000:00:1F.6');
  assert.equal(d.class, 'Net');
  assert.deepEqual(d.hardwareIds, ['PCI\\VEN_8086&DEV_1A1F&SUBSYS_22DF17AA&REV_01', 'PCI\\VEN_8086&DEV_1A1F&SUBSYS_22DF17AA', 'PCI\\VEN_8086&DEV_1A1F&CC_020000', 'PCI\\VEN_8086&DEV_1A1F&CC_0200']);
  assert.deepEqual(d.compatibleIds, ['PCI\\VEN_8086&DEV_1A1F&REV_01', 'PCI\\VEN_8086&DEV_1A1F', 'PCI\\VEN_8086&CC_020000', 'PCI\\VEN_8086&CC_0200', 'PCI\\VEN_8086', 'PCI\\CC_020000', 'PCI\\CC_0200']);
});

test('read from a sysfs tree; an incomplete function is left out', (t) => {
  const root = mkdtempSync(join(tmpdir(), 'taskseq-pci-'));
  t.after(() => rmSync(root, { recursive: true, force: true }));
  const nvme = join(root, '0000:04:00.0');
  mkdirSync(nvme);
  for (const [k, v] of Object.entries({ vendor: '0x144d', device: '0xa80a', subsystem_vendor: '0x144d', subsystem_device: '0xa801', revision: '0x00', class: '0x010802' })) writeFileSync(join(nvme, k), `${v}\n`);
  mkdirSync(join(root, '0000:00:00.0'));
  const devices = readPciDevices(root);
  assert.deepEqual(devices.map((d) => [d.hardwareIds[1], d.class]), [['PCI\\VEN_144D&DEV_A80A&SUBSYS_A801144D', 'SCSIAdapter']]);
  assert.deepEqual(readPciDevices(join(root, 'missing')), []);
});
