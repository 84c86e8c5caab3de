/**
 * The hardware facts the engine turns into built-in variables, from the WMI snapshot's rows: the same properties
 * the simulated machine's rows carry, so a PC and its profile give the same facts.
 */
import type { Architecture, SystemFacts } from '../../../../engine/index.ts';
import { firstRow, list, number, property, rowsOf, text } from './snapshot-rows.ts';
import type { WmiSnapshot } from './wmi-snapshot.ts';

/** Win32_Processor.Architecture codes. */
const ARCHITECTURES: Record<number, Architecture> = { 0: 'x86', 9: 'x64', 12: 'arm64' };

/** The OS's architecture: a 64-bit processor running a 32-bit Windows reports an address width of 32. */
function architectureOf(snapshot: WmiSnapshot): Architecture {
  const cpu = firstRow(snapshot, 'Win32_Processor');
  const arch = ARCHITECTURES[number(cpu, 'Architecture')] ?? 'x64';
  return arch === 'x64' && number(cpu, 'AddressWidth') === 32 ? 'x86' : arch;
}

/** MAC addresses as Windows shows them, upper case with colons. */
function macOf(mac: string): string {
  return mac.toUpperCase().replace(/-/g, ':');
}

/**
 * Make and model from Win32_ComputerSystem, serial number from Win32_BIOS, UUID from Win32_ComputerSystemProduct,
 * asset tag and chassis types from Win32_SystemEnclosure, memory in MiB (rounded), the first processor's name and
 * speed with the cores of all of them, and the network facts of the IP-enabled adapters.
 */
export function windowsSystemFacts(snapshot: WmiSnapshot): SystemFacts {
  const system = firstRow(snapshot, 'Win32_ComputerSystem');
  const enclosure = firstRow(snapshot, 'Win32_SystemEnclosure');
  const cpus = rowsOf(snapshot, 'Win32_Processor');
  const up = rowsOf(snapshot, 'Win32_NetworkAdapterConfiguration').filter((a) => property(a, 'IPEnabled') === true);
  const facts: SystemFacts = {
    make: text(system, 'Manufacturer'),
    model: text(system, 'Model'),
    serialNumber: text(firstRow(snapshot, 'Win32_BIOS'), 'SerialNumber'),
    uuid: text(firstRow(snapshot, 'Win32_ComputerSystemProduct'), 'UUID').replace(/[{}]/g, '').toUpperCase(),
    memoryMB: Math.round(number(system, 'TotalPhysicalMemory') / (1024 * 1024)),
    cpu: {
      name: text(cpus[0], 'Name'),
      speedMHz: number(cpus[0], 'MaxClockSpeed'),
      cores: cpus.reduce((sum, cpu) => sum + number(cpu, 'NumberOfCores'), 0),
    },
    architecture: architectureOf(snapshot),
    macAddresses: up.map((a) => text(a, 'MACAddress')).filter(Boolean).map(macOf),
    ipAddresses: up.flatMap((a) => list(a, 'IPAddress')),
    defaultGateways: up.flatMap((a) => list(a, 'DefaultIPGateway')),
  };
  const assetTag = text(enclosure, 'SMBIOSAssetTag');
  if (assetTag !== '') facts.assetTag = assetTag;
  const chassis = property(enclosure, 'ChassisTypes');
  if (Array.isArray(chassis)) facts.chassisTypes = chassis.map(Number);
  return facts;
}
