import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_MACHINE } from '../../default-machine.ts';
import { listBuiltinProfiles, loadProfile } from './profile-load.ts';
import { validateProfile } from './profile-validate.ts';

const NAMES = ['uefi-desktop', 'bios-desktop', 'uefi-laptop', 'hyperv-vm'];

test('the built-in profiles are listed with descriptions, default first', () => {
  const list = listBuiltinProfiles();
  assert.deepEqual(list.map((p) => p.name), NAMES);
  assert.equal(list[0].name, DEFAULT_MACHINE);
  for (const p of list) assert.ok(p.description.length > 20, p.name);
});

test('every built-in profile validates and is named after itself', () => {
  for (const name of NAMES) {
    const p = loadProfile(name);
    assert.deepEqual(validateProfile(p, name), [], name);
    assert.equal(p.name, name);
    assert.ok((p.network?.adapters.length ?? 0) >= 1, `${name} has a network adapter`);
    assert.ok((p.pnpDevices?.length ?? 0) >= 3, `${name} has PnP devices`);
  }
});

test('built-in names are case-insensitive and each load is an independent copy', () => {
  const a = loadProfile('UEFI-Desktop');
  a.system.make = 'changed';
  assert.equal(loadProfile('uefi-desktop').system.make, 'Dell Inc.');
});

test('the built-ins differ where they should', () => {
  const desktop = loadProfile('uefi-desktop');
  assert.equal(desktop.firmware.mode, 'UEFI');
  assert.equal(desktop.firmware.secureBoot, true);
  assert.equal(desktop.environment.inWinPE, true);
  assert.match(desktop.os?.caption ?? '', /Windows 11/);

  const bios = loadProfile('bios-desktop');
  assert.equal(bios.firmware.mode, 'BIOS');
  assert.notEqual(bios.firmware.secureBoot, true);

  const laptop = loadProfile('uefi-laptop');
  assert.deepEqual(laptop.system.chassisTypes, [10]);
  assert.equal(laptop.batteries?.length, 1);
  assert.deepEqual(laptop.network?.adapters.map((a) => /Wi-Fi/.test(a.name)), [false, true]);

  const vm = loadProfile('hyperv-vm');
  assert.equal(vm.system.make, 'Microsoft Corporation');
  assert.equal(vm.system.model, 'Virtual Machine');
  assert.match(vm.system.biosOemVersion ?? '', /VRTUAL/);
  assert.ok(vm.pnpDevices?.some((d) => d.deviceId.startsWith('VMBUS\\')));
  assert.equal(vm.os, undefined);
});
