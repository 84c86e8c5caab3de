/**
 * The WMI class table of the simulated machine: class name -> rows. Classes not listed here are unknown, so the
 * WQL evaluator rejects queries on them as unsupported.
 */
import type { WmiRow } from '../../../../engine/index.ts';
import { runningOs } from '../machine/running-os.ts';
import type { NetworkAdapterProfile } from '../profile/profile-types.ts';
import {
  baseBoardRows, batteryRows, biosRows, computerSystemProductRows, computerSystemRows, pnpEntityRows,
  processorRows, systemEnclosureRows, type WmiView,
} from './wmi-hardware-classes.ts';
import { diskDriveRows, logicalDiskRows, volumeRows } from './wmi-storage-classes.ts';

export type { WmiView } from './wmi-hardware-classes.ts';

/** WMI shows MAC addresses as `00:15:5D:01:02:03`. */
function normalizeMac(mac: string): string {
  return mac.toUpperCase().replace(/-/g, ':');
}

function orNull(values: string[] | undefined): string[] | null {
  return values && values.length > 0 ? values : null;
}

function operatingSystemRows(v: WmiView): WmiRow[] {
  const os = runningOs(v.profile, v.inWinPE, v.installation);
  return [{
    Caption: os.caption, Version: os.version, BuildNumber: os.buildNumber, OSLanguage: os.osLanguage,
    OSArchitecture: os.osArchitecture, ProductType: os.productType, OSType: 18, SystemDrive: os.systemDrive,
    WindowsDirectory: `${os.systemDrive}\\Windows`, CSName: v.machineName,
    TotalVisibleMemorySize: v.profile.system.memoryMB * 1024,
  }];
}

function adapters(v: WmiView): NetworkAdapterProfile[] {
  return v.profile.network?.adapters ?? [];
}

function networkAdapterConfigurationRows(v: WmiView): WmiRow[] {
  return adapters(v).map((a, i) => {
    const enabled = a.ipEnabled ?? true;
    return {
      Index: i, Description: a.name, Caption: a.name, MACAddress: normalizeMac(a.macAddress), IPEnabled: enabled,
      IPAddress: enabled ? orNull(a.ipAddresses) : null, IPSubnet: enabled ? orNull(a.subnetMasks) : null,
      DefaultIPGateway: enabled ? orNull(a.gateways) : null, DNSServerSearchOrder: enabled ? orNull(a.dnsServers) : null,
      DHCPEnabled: a.dhcp ?? true,
    };
  });
}

/** `Ethernet`, `Ethernet 2`, `Wi-Fi`: the names Windows gives connections by default. */
function connectionNames(list: NetworkAdapterProfile[]): string[] {
  const seen = new Map<string, number>();
  return list.map((a) => {
    const base = /wi-?fi|wireless|wlan|802\.11/i.test(a.name) ? 'Wi-Fi' : 'Ethernet';
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base} ${n}`;
  });
}

function networkAdapterRows(v: WmiView): WmiRow[] {
  const list = adapters(v);
  const names = connectionNames(list);
  return list.map((a, i) => ({
    Index: i, DeviceID: String(i), Name: a.name, Description: a.name, MACAddress: normalizeMac(a.macAddress),
    NetConnectionID: names[i], NetEnabled: a.ipEnabled ?? true, PhysicalAdapter: true,
    // Windows reports Wi-Fi adapters as Ethernet 802.3 too.
    AdapterType: 'Ethernet 802.3',
  }));
}

const CLASSES: Record<string, (v: WmiView) => WmiRow[]> = {
  win32_computersystem: computerSystemRows,
  win32_computersystemproduct: computerSystemProductRows,
  win32_bios: biosRows,
  win32_baseboard: baseBoardRows,
  win32_systemenclosure: systemEnclosureRows,
  win32_operatingsystem: operatingSystemRows,
  win32_processor: processorRows,
  win32_diskdrive: diskDriveRows,
  win32_logicaldisk: logicalDiskRows,
  win32_volume: volumeRows,
  win32_networkadapterconfiguration: networkAdapterConfigurationRows,
  win32_networkadapter: networkAdapterRows,
  win32_battery: batteryRows,
  win32_pnpentity: pnpEntityRows,
};

/** Names (lower case) of the classes the simulator answers. */
export function simulatedWmiClasses(): string[] {
  return Object.keys(CLASSES);
}

/** Rows of `className` (case-insensitive) for the machine as it is now, or undefined for an unknown class. */
export function wmiRows(view: WmiView, className: string): WmiRow[] | undefined {
  const build = CLASSES[className.toLowerCase()];
  return build ? build(view) : undefined;
}
