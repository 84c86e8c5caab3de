import { test } from 'node:test';
import assert from 'node:assert/strict';
import { UnsupportedQueryError, type WmiRow } from '../ports/machine-probe.ts';
import { runWql } from './run-wql.ts';

const MACHINE: Record<string, WmiRow[]> = {
  Win32_ComputerSystem: [{ Manufacturer: 'Dell Inc.', Model: 'Latitude 7420', TotalPhysicalMemory: '17179869184' }],
  Win32_SystemEnclosure: [{ ChassisTypes: [10], SMBIOSAssetTag: null }],
  Win32_OperatingSystem: [{ Version: '10.0.19045', BuildNumber: '19045', ProductType: 1, OSType: 18, OSLanguage: 1033, OSArchitecture: '64-bit' }],
  Win32_DiskDrive: [
    { Index: 0, InterfaceType: 'SCSI', Size: 512110190592 },
    { Index: 1, InterfaceType: 'USB', Size: 32000000000 },
  ],
  Win32_NetworkAdapterConfiguration: [
    { Description: 'Ethernet', IPEnabled: true, IPAddress: ['10.1.2.3', 'fe80::1'] },
    { Description: 'Wi-Fi', IPEnabled: false, IPAddress: null },
  ],
  Win32_PnPEntity: [{ DeviceID: 'PCI\\VEN_8086&DEV_15F3' }],
  Win32_Battery: [],
};

function rows(className: string): WmiRow[] | undefined {
  const hit = Object.keys(MACHINE).find((c) => c.toLowerCase() === className.toLowerCase());
  return hit === undefined ? undefined : MACHINE[hit];
}

const count = (q: string) => runWql(q, rows).length;

const CASES: Array<[query: string, rows: number]> = [
  ['SELECT * FROM Win32_ComputerSystem WHERE Model LIKE "%Latitude%"', 1],
  ['select * from win32_computersystem where model like "%latitude%"', 1],
  ["SELECT * FROM Win32_ComputerSystem WHERE Manufacturer = 'dell inc.'", 1],
  ['SELECT * FROM Win32_SystemEnclosure WHERE ChassisTypes = 9 OR ChassisTypes = 10', 1],
  ['SELECT * FROM Win32_SystemEnclosure WHERE ChassisTypes = 3', 0],
  ['SELECT * FROM Win32_SystemEnclosure WHERE ChassisTypes <> 10', 0],
  ["SELECT * FROM Win32_OperatingSystem WHERE Version like '10.0%' AND ProductType = 1", 1],
  ["SELECT * FROM Win32_OperatingSystem WHERE Version like '[1-9][0-9].%'", 1],
  ["SELECT * FROM Win32_OperatingSystem WHERE Version like '6.1%'", 0],
  ['SELECT * FROM Win32_OperatingSystem WHERE OSLanguage = 1033', 1],
  ["SELECT * FROM Win32_OperatingSystem WHERE OSLanguage = '1033'", 1],
  ["SELECT * FROM Win32_OperatingSystem WHERE BuildNumber >= '17763'", 1],
  ['SELECT * FROM Win32_OperatingSystem WHERE BuildNumber > 9600', 1],
  ["SELECT * FROM Win32_DiskDrive WHERE Index = 0 AND InterfaceType <> 'USB'", 1],
  ["SELECT * FROM Win32_DiskDrive WHERE InterfaceType != 'usb'", 1],
  ['SELECT * FROM Win32_DiskDrive WHERE Size > 100000000000', 1],
  ['SELECT * FROM Win32_DiskDrive WHERE NOT (Index = 0)', 1],
  ['SELECT * FROM Win32_Battery', 0],
  ['Select * From Win32_NetworkAdapterConfiguration Where IPEnabled = TRUE', 1],
  ["Select * From Win32_NetworkAdapterConfiguration Where IPEnabled = 'true'", 1],
  ['Select * From Win32_NetworkAdapterConfiguration Where IPEnabled = 0', 1],
  ["Select * From Win32_NetworkAdapterConfiguration Where IPAddress = '10.1.2.3'", 1],
  ["Select * From Win32_NetworkAdapterConfiguration Where IPAddress LIKE 'fe80%'", 1],
  ["Select * From Win32_NetworkAdapterConfiguration Where IPAddress NOT LIKE '10.%'", 0],
  ['Select * From Win32_NetworkAdapterConfiguration Where IPAddress IS NULL', 1],
  ['Select * From Win32_NetworkAdapterConfiguration Where IPAddress IS NOT NULL', 1],
  ["Select * From Win32_NetworkAdapterConfiguration Where IPAddress <> '1.1.1.1'", 1],
  ["SELECT * FROM Win32_PnPEntity WHERE DeviceID LIKE 'PCI\\\\VEN_8086%'", 1],
  ['SELECT * FROM Win32_SystemEnclosure WHERE SMBIOSAssetTag IS NULL', 1],
  ["SELECT * FROM Win32_SystemEnclosure WHERE SMBIOSAssetTag = 'x'", 0],
  ["SELECT * FROM Win32_SystemEnclosure WHERE SMBIOSAssetTag <> 'x'", 0],
  ["SELECT * FROM Win32_SystemEnclosure WHERE NoSuchProperty LIKE '%'", 0],
  ['SELECT * FROM Win32_SystemEnclosure WHERE NoSuchProperty IS NULL', 1],
];

test('runWql evaluates WHERE clauses over rows', () => {
  for (const [query, expected] of CASES) assert.equal(count(query), expected, query);
});

test('runWql returns the rows for SELECT * and projected copies for a property list', () => {
  const all = runWql('SELECT * FROM Win32_DiskDrive', rows);
  assert.equal(all[0], MACHINE.Win32_DiskDrive[0]);
  assert.deepEqual(runWql('SELECT index, Missing FROM Win32_DiskDrive WHERE Index = 1', rows), [{ Index: 1, Missing: null }]);
});

test('runWql refuses an unknown class with UnsupportedQueryError naming the query and class', () => {
  const q = 'SELECT * FROM Win32_Nope';
  assert.throws(() => runWql(q, rows), (e: unknown) => e instanceof UnsupportedQueryError && e.query === q && /Win32_Nope/.test(e.message));
});

test('runWql refuses unsupported syntax before asking for rows', () => {
  let asked = false;
  const q = "ASSOCIATORS OF {Win32_LogicalDisk.DeviceID='C:'}";
  assert.throws(() => runWql(q, () => ((asked = true), [])), UnsupportedQueryError);
  assert.equal(asked, false);
});
