import { test } from 'node:test';
import assert from 'node:assert/strict';
import { UnsupportedQueryError } from '../../../../engine/index.ts';
import { testMachine } from '../test-support/test-machine.ts';

let context: { after(fn: () => void): void };
test.beforeEach((t) => { context = t as unknown as { after(fn: () => void): void }; });

function probe(name: string, inWinPE = true) {
  return testMachine(context, name, { inWinPE }).ports.probe;
}

test('typical WQL conditions per profile', () => {
  const vm = probe('hyperv-vm');
  assert.equal(vm.queryWmi('root\\cimv2', "SELECT * FROM Win32_BIOS WHERE Version LIKE '%VRTUAL%'").length, 1);
  assert.equal(vm.queryWmi('root\\cimv2', "SELECT * FROM Win32_ComputerSystem WHERE Model = 'Virtual Machine'").length, 1);
  const desktop = probe('uefi-desktop');
  assert.equal(desktop.queryWmi('root\\cimv2', "SELECT * FROM Win32_BIOS WHERE Version LIKE '%VRTUAL%'").length, 0);
  assert.equal(desktop.queryWmi('ROOT\\CIMV2', "SELECT * FROM Win32_ComputerSystem WHERE Model LIKE '%OptiPlex%'").length, 1);
  assert.equal(probe('uefi-laptop').queryWmi('root\\cimv2', 'SELECT * FROM Win32_Battery').length, 1);
  assert.equal(desktop.queryWmi('root\\cimv2', 'SELECT * FROM Win32_Battery').length, 0);
});

test('selected properties come back from the class rows', () => {
  const rows = probe('uefi-laptop').queryWmi('root\\cimv2', 'SELECT Version FROM Win32_ComputerSystemProduct');
  assert.equal(rows.length, 1);
  const version = Object.entries(rows[0]).find(([k]) => k.toLowerCase() === 'version')?.[1];
  assert.equal(version, 'ThinkPad T14 Gen 3');
});

test('other namespaces and unknown classes are unsupported', () => {
  const p = probe('uefi-desktop');
  assert.throws(() => p.queryWmi('root\\wmi', 'SELECT * FROM MSAcpi_ThermalZoneTemperature'), UnsupportedQueryError);
  assert.throws(() => p.queryWmi('root\\cimv2', 'SELECT * FROM Win32_Tpm'), UnsupportedQueryError);
});

test('files and folders come from the running OS, compared case-insensitively', () => {
  const full = probe('uefi-desktop', false);
  assert.deepEqual(full.file('c:\\windows\\system32\\NTOSKRNL.EXE'),
    { exists: true, version: '10.0.22631.4460', modified: '2024-11-12T09:14:00Z' });
  assert.deepEqual(full.file('C:/Windows/System32/missing.dll'), { exists: false });
  assert.equal(full.folder('C:\\Program Files\\').exists, true);
  assert.equal(full.folder('C:\\Windows\\System32').exists, true, 'parent of a listed file');
  assert.equal(full.folder('C:\\').exists, true, 'system drive root');
  assert.equal(full.folder('C:\\Temp\\Nope').exists, false);
  const pe = probe('uefi-desktop', true);
  assert.equal(pe.file('X:\\Windows\\System32\\wpeinit.exe').exists, true);
  assert.equal(pe.file('C:\\Windows\\System32\\ntoskrnl.exe').exists, true, 'from the disk in WinPE too');
  assert.equal(pe.folder('c:\\windows\\CCMCACHE').exists, true);
  assert.equal(pe.file('C:\\Users\\alice\\Documents\\report.docx').exists, true);
  assert.equal(pe.file('C:\\Users\\alice\\Documents').exists, false, 'a folder is not a file');
  assert.equal(pe.file('D:\\anything').exists, false);
  assert.equal(probe('hyperv-vm').folder('C:\\Windows').exists, false);
});

test('registry values by key and name, with hive abbreviations and the default value', () => {
  const full = probe('uefi-desktop', false);
  const key = 'HKLM\\Software\\Microsoft\\Windows NT\\CurrentVersion';
  assert.deepEqual(full.registry(key, 'displayversion'), { type: 'REG_SZ', data: '23H2' });
  assert.deepEqual(full.registry(`HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\`, 'UBR'),
    { type: 'REG_DWORD', data: '4460' });
  assert.equal(full.registry(key, 'NoSuchValue'), undefined);
  assert.equal(full.registry('HKLM\\SOFTWARE\\Nope', ''), undefined);
  const pe = probe('uefi-desktop', true);
  assert.ok(pe.registry('HKLM\\SYSTEM\\CurrentControlSet\\Control\\MiniNT', ''));
  assert.equal(pe.registry(key, 'DisplayVersion'), undefined);
});

test('installed products exist only in the installed OS', () => {
  assert.equal(probe('uefi-desktop', true).installedProducts().length, 0);
  const products = probe('uefi-desktop', false).installedProducts();
  assert.equal(products.length, 1);
  assert.equal(products[0].productCode, '{5F2B7C4E-8A1D-4C3B-9E6F-2A7D1B0C9E31}');
});
