import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadProfile } from '../profile/profile-load.ts';
import { testMachine } from '../test-support/test-machine.ts';
import { simulatedWmiClasses, wmiRows, type WmiView } from './wmi-classes.ts';

let context: { after(fn: () => void): void };
test.beforeEach((t) => { context = t as unknown as { after(fn: () => void): void }; });

/** The view of a fresh machine, with the machine name fixed. */
function view(name: string, inWinPE = true): WmiView {
  const m = testMachine(context, name, { inWinPE });
  const disks = m.ports.disks.list();
  const rows = (cls: string) => m.ports.probe.queryWmi('root\\cimv2', `SELECT * FROM ${cls}`);
  const optical = rows('Win32_LogicalDisk').filter((r) => r.DriveType === 5).map((r) => String(r.DeviceID));
  return {
    profile: loadProfile(name), inWinPE, machineName: 'MININT-TEST', disks, opticalDrives: optical,
    volumeRoot: () => undefined,
  };
}

function only(v: WmiView, className: string) {
  const rows = wmiRows(v, className);
  assert.ok(rows, `${className} is known`);
  assert.equal(rows.length, 1, className);
  return rows[0];
}

test('Win32_ComputerSystem tells desktops from notebooks and reports memory in bytes', () => {
  const desktop = only(view('uefi-desktop'), 'Win32_ComputerSystem');
  assert.equal(desktop.Manufacturer, 'Dell Inc.');
  assert.equal(desktop.Model, 'OptiPlex 7090');
  assert.equal(desktop.Name, 'MININT-TEST');
  assert.equal(desktop.TotalPhysicalMemory, 16384 * 1024 * 1024);
  assert.equal(desktop.PCSystemType, 1);
  assert.equal(only(view('uefi-laptop'), 'win32_computersystem').PCSystemType, 2);
});

test('product, BIOS, board and enclosure carry the identity facts', () => {
  const v = view('uefi-laptop');
  const product = only(v, 'Win32_ComputerSystemProduct');
  assert.equal(product.Version, 'ThinkPad T14 Gen 3');
  assert.equal(product.IdentifyingNumber, 'PF3KQ2W8');
  assert.equal(product.UUID, '8E2A3B41-2C7D-11B2-A85C-D3F0B4E6A917');
  const bios = only(v, 'Win32_BIOS');
  assert.equal(bios.SMBIOSBIOSVersion, 'N3MET15W (1.14 )');
  assert.equal(bios.Version, 'LENOVO - 1140');
  assert.equal(only(v, 'Win32_BaseBoard').Product, '21AHCTO1WW');
  assert.deepEqual(only(v, 'Win32_SystemEnclosure').ChassisTypes, [10]);
});

test('Win32_OperatingSystem shows the boot image in WinPE and the installed OS after a restart', () => {
  const pe = only(view('uefi-desktop', true), 'Win32_OperatingSystem');
  assert.equal(pe.SystemDrive, 'X:');
  assert.equal(pe.OSType, 18);
  const os = only(view('uefi-desktop', false), 'Win32_OperatingSystem');
  assert.equal(os.Caption, 'Microsoft Windows 11 Enterprise');
  assert.equal(os.Version, '10.0.22631');
  assert.equal(os.BuildNumber, '22631');
  assert.equal(os.OSLanguage, 1033);
  assert.equal(os.OSArchitecture, '64-bit');
  assert.equal(os.ProductType, 1);
  assert.equal(os.SystemDrive, 'C:');
});

test('processor architecture codes follow Win32_Processor', () => {
  const cpu = only(view('bios-desktop'), 'Win32_Processor');
  assert.equal(cpu.Architecture, 9);
  assert.equal(cpu.AddressWidth, 64);
  assert.equal(cpu.MaxClockSpeed, 3201);
  assert.equal(cpu.NumberOfCores, 4);
  const arm = view('uefi-desktop');
  arm.profile.system.architecture = 'arm64';
  delete arm.profile.system.cpu.architecture;
  assert.equal(only(arm, 'Win32_Processor').Architecture, 12);
});

test('network classes: IP-enabled adapters have addresses, disabled ones show nulls', () => {
  const rows = wmiRows(view('uefi-laptop'), 'Win32_NetworkAdapterConfiguration') ?? [];
  assert.equal(rows.length, 2);
  assert.deepEqual(rows[0].IPAddress, ['172.16.8.23']);
  assert.deepEqual(rows[0].DefaultIPGateway, ['172.16.8.1']);
  assert.equal(rows[0].MACAddress, '38:F3:AB:5C:11:D2');
  assert.equal(rows[1].IPEnabled, false);
  assert.equal(rows[1].IPAddress, null);
  const adapters = wmiRows(view('uefi-laptop'), 'Win32_NetworkAdapter') ?? [];
  assert.deepEqual(adapters.map((a) => a.NetConnectionID), ['Ethernet', 'Wi-Fi']);
});

test('devices, disks and batteries', () => {
  const pnp = wmiRows(view('uefi-desktop'), 'Win32_PnPEntity') ?? [];
  const nic = pnp.find((d) => d.PNPClass === 'Net');
  assert.deepEqual((nic?.HardwareID as string[])[0], 'PCI\\VEN_8086&DEV_15F9&SUBSYS_0A5B1028&REV_11');
  assert.equal((nic?.CompatibleID as string[]).at(-1), 'PCI\\CC_0200');
  const disk = wmiRows(view('uefi-desktop'), 'Win32_DiskDrive') ?? [];
  assert.equal(disk[0].DeviceID, '\\\\.\\PHYSICALDRIVE0');
  assert.equal(disk[0].Size, 512105932800);
  assert.equal(disk[0].InterfaceType, 'SCSI');
  assert.equal(disk[0].MediaType, 'Fixed hard disk media');
  assert.equal(disk[0].Partitions, 4);
  const laptop = wmiRows(view('uefi-laptop'), 'Win32_DiskDrive') ?? [];
  assert.deepEqual(laptop.map((d) => [d.Index, d.InterfaceType, d.MediaType]),
    [[0, 'SCSI', 'Fixed hard disk media'], [1, 'USB', 'Removable Media']]);
  assert.equal((wmiRows(view('bios-desktop'), 'Win32_DiskDrive') ?? [])[0].InterfaceType, 'IDE');
  assert.equal((wmiRows(view('uefi-laptop'), 'Win32_Battery') ?? []).length, 1);
  assert.deepEqual(wmiRows(view('uefi-desktop'), 'Win32_Battery'), []);
});

test('Win32_LogicalDisk: volumes with letters, the USB stick as removable, X: in WinPE, the DVD drive', () => {
  const laptop = wmiRows(view('uefi-laptop'), 'Win32_LogicalDisk') ?? [];
  assert.deepEqual(laptop.map((r) => [r.DeviceID, r.DriveType, r.FileSystem, r.VolumeName]),
    [['C:', 3, 'NTFS', 'Windows'], ['D:', 2, 'FAT32', 'USBSTICK'], ['X:', 3, 'NTFS', 'Boot']]);
  const c = laptop[0];
  assert.ok((c.FreeSpace as number) < (c.Size as number) && (c.Size as number) > 200e9);
  const full = wmiRows(view('uefi-laptop', false), 'Win32_LogicalDisk') ?? [];
  assert.deepEqual(full.map((r) => r.DeviceID), ['C:', 'D:'], 'no X: in the full OS');
  const vm = wmiRows(view('hyperv-vm'), 'Win32_LogicalDisk') ?? [];
  assert.deepEqual(vm.map((r) => [r.DeviceID, r.DriveType]), [['D:', 5], ['X:', 3]]);
});

test('Win32_Volume lists every volume, with or without a letter', () => {
  const rows = wmiRows(view('uefi-desktop'), 'Win32_Volume') ?? [];
  assert.deepEqual(rows.map((r) => [r.DriveLetter, r.FileSystem, r.Label]),
    [[null, 'FAT32', null], ['C:', 'NTFS', 'Windows'], [null, 'NTFS', 'Recovery']]);
});

test('classes the simulator does not know are undefined', () => {
  assert.equal(wmiRows(view('uefi-desktop'), 'Win32_Tpm'), undefined);
  assert.ok(simulatedWmiClasses().includes('win32_pnpentity'));
});
