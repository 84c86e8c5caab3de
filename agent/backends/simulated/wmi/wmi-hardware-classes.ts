/** Rows of the hardware WMI classes (root\cimv2), built from the profile's `system`, batteries and devices. */
import type { WindowsState } from '../windows/windows-state.ts';
import type { DiskFacts, WmiRow } from '../../../../engine/index.ts';
import { isMobileChassis } from '../profile/chassis-types.ts';
import type { MachineProfile } from '../profile/profile-types.ts';

/** What the class builders read: the profile plus the parts of the state that WMI shows. */
export interface WmiView {
  profile: MachineProfile;
  inWinPE: boolean;
  machineName: string;
  /** Disks, partitions and volumes as they are now. */
  disks: DiskFacts[];
  /** Drive letters of the optical drives. */
  opticalDrives: string[];
  /** Host folder holding the files of the volume with this letter (`C:`), or undefined. */
  volumeRoot(letter: string): string | undefined;
  /** The running installation's settings in the full OS (undefined in Windows PE). */
  installation?: WindowsState;
}

const ARCH_CODE = { x86: 0, x64: 9, arm64: 12 } as const;
const SYSTEM_TYPE = { x86: 'X86-based PC', x64: 'x64-based PC', arm64: 'ARM64-based PC' } as const;

function cpuVendor(name: string): string {
  if (/intel/i.test(name)) return 'GenuineIntel';
  if (/amd|ryzen|epyc/i.test(name)) return 'AuthenticAMD';
  if (/qualcomm|snapdragon/i.test(name)) return 'Qualcomm Technologies Inc';
  return 'Unknown';
}

function isMobile(p: MachineProfile): boolean {
  return isMobileChassis(p.system.chassisTypes ?? []) || (p.batteries ?? []).length > 0;
}

export function computerSystemRows(v: WmiView): WmiRow[] {
  const s = v.profile.system;
  return [{
    Name: v.machineName, Caption: v.machineName, Manufacturer: s.make, Model: s.model,
    TotalPhysicalMemory: s.memoryMB * 1024 * 1024, SystemSKUNumber: s.sku ?? '',
    PCSystemType: isMobile(v.profile) ? 2 : 1, SystemType: SYSTEM_TYPE[s.architecture],
    NumberOfProcessors: 1, NumberOfLogicalProcessors: s.cpu.cores,
    Domain: 'WORKGROUP', Workgroup: 'WORKGROUP', PartOfDomain: false, DomainRole: 0,
    HypervisorPresent: /virtual/i.test(s.model),
  }];
}

export function computerSystemProductRows(v: WmiView): WmiRow[] {
  const s = v.profile.system;
  return [{
    Vendor: s.make, Name: s.model, Version: s.productVersion ?? '', IdentifyingNumber: s.serialNumber,
    UUID: s.uuid.replace(/[{}]/g, '').toUpperCase(), SKUNumber: s.sku ?? '', Caption: 'Computer System Product',
  }];
}

export function biosRows(v: WmiView): WmiRow[] {
  const s = v.profile.system;
  const smbios = s.biosVersion ?? '';
  return [{
    Manufacturer: s.biosManufacturer ?? s.make, SMBIOSBIOSVersion: smbios, Version: s.biosOemVersion ?? smbios,
    SerialNumber: s.serialNumber, Name: smbios, PrimaryBIOS: true,
  }];
}

export function baseBoardRows(v: WmiView): WmiRow[] {
  const s = v.profile.system;
  return [{ Manufacturer: s.make, Product: s.baseBoardProduct ?? '', SerialNumber: s.serialNumber, Tag: 'Base Board' }];
}

export function systemEnclosureRows(v: WmiView): WmiRow[] {
  const s = v.profile.system;
  return [{
    Manufacturer: s.make, ChassisTypes: s.chassisTypes ?? [2], SerialNumber: s.serialNumber,
    SMBIOSAssetTag: s.assetTag ?? '', Tag: 'System Enclosure 0',
  }];
}

export function processorRows(v: WmiView): WmiRow[] {
  const s = v.profile.system;
  return [{
    DeviceID: 'CPU0', Name: s.cpu.name, Manufacturer: cpuVendor(s.cpu.name),
    Architecture: s.cpu.architecture ?? ARCH_CODE[s.architecture], AddressWidth: s.architecture === 'x86' ? 32 : 64,
    MaxClockSpeed: s.cpu.speedMHz, CurrentClockSpeed: s.cpu.speedMHz,
    NumberOfCores: s.cpu.cores, NumberOfLogicalProcessors: s.cpu.cores,
  }];
}

export function batteryRows(v: WmiView): WmiRow[] {
  return (v.profile.batteries ?? []).map((b, i) => ({
    DeviceID: `${i} ${b.name}`, Name: b.name, Caption: 'Internal Battery',
    BatteryStatus: b.onAC === false ? 1 : 2, EstimatedChargeRemaining: b.chargePercent ?? 100, Chemistry: 6,
  }));
}

export function pnpEntityRows(v: WmiView): WmiRow[] {
  return (v.profile.pnpDevices ?? []).map((d) => ({
    DeviceID: d.deviceId, PNPDeviceID: d.deviceId, Name: d.name, Caption: d.name, PNPClass: d.class,
    HardwareID: d.hardwareIds ?? [], CompatibleID: d.compatibleIds ?? [], Status: 'OK', ConfigManagerErrorCode: 0,
  }));
}
