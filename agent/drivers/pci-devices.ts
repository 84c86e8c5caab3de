/**
 * The PCI devices of this Linux PC, with the hardware and compatible IDs Windows would give them (built from the
 * vendor, device, subsystem, revision and class code sysfs reports), so `--machine local` and `machines --capture
 * local` can match drivers against real hardware.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PnpDevice } from '../../engine/index.ts';

/** The sysfs facts of one PCI function (hex digits, upper case, no `0x`). */
export interface PciFunction {
  slot: string;
  vendor: string;
  device: string;
  subsystemVendor: string;
  subsystemDevice: string;
  revision: string;
  /** Six digits: base class, subclass, programming interface. */
  classCode: string;
}

/** Setup class by PCI base class (and subclass where Windows splits them). */
function setupClass(classCode: string): string {
  const base = classCode.slice(0, 2);
  const sub = classCode.slice(0, 4);
  if (sub === '0108' || sub === '0104' || sub === '0107') return 'SCSIAdapter';
  if (base === '01') return 'HDC';
  if (base === '02') return 'Net';
  if (base === '03') return 'Display';
  if (base === '04') return 'MEDIA';
  if (sub === '0C03') return 'USB';
  return 'System';
}

/** The IDs in Windows' order: most specific hardware ID first, then the compatible IDs from specific to generic. */
export function pciDevice(f: PciFunction): PnpDevice {
  const base = `PCI\\VEN_${f.vendor}&DEV_${f.device}`;
  const subsys = `SUBSYS_${f.subsystemDevice}${f.subsystemVendor}`;
  const cc6 = `CC_${f.classCode}`;
  const cc4 = `CC_${f.classCode.slice(0, 4)}`;
  return {
    deviceId: `${base}&${subsys}&REV_${f.revision}\\${f.slot.toUpperCase()}`,
    name: `PCI device ${f.vendor}:${f.device}`,
    class: setupClass(f.classCode),
    hardwareIds: [`${base}&${subsys}&REV_${f.revision}`, `${base}&${subsys}`, `${base}&${cc6}`, `${base}&${cc4}`],
    compatibleIds: [`${base}&REV_${f.revision}`, base, `PCI\\VEN_${f.vendor}&${cc6}`, `PCI\\VEN_${f.vendor}&${cc4}`, `PCI\\VEN_${f.vendor}`, `PCI\\${cc6}`, `PCI\\${cc4}`],
  };
}

function hex(dir: string, name: string, digits: number): string {
  const raw = readFileSync(join(dir, name), 'utf8').trim().replace(/^0x/i, '');
  return raw.toUpperCase().padStart(digits, '0').slice(-digits);
}

/** PCI devices under a sysfs folder (`/sys/bus/pci/devices`); none when it does not exist or a device is unreadable. */
export function readPciDevices(root = '/sys/bus/pci/devices'): PnpDevice[] {
  if (!existsSync(root)) return [];
  const out: PnpDevice[] = [];
  for (const slot of readdirSync(root).sort()) {
    const dir = join(root, slot);
    try {
      out.push(pciDevice({
        slot, vendor: hex(dir, 'vendor', 4), device: hex(dir, 'device', 4), subsystemVendor: hex(dir, 'subsystem_vendor', 4),
        subsystemDevice: hex(dir, 'subsystem_device', 4), revision: hex(dir, 'revision', 2), classCode: hex(dir, 'class', 6),
      }));
    } catch {
      // A function without the usual attributes (a bridge being removed) is left out, not guessed.
    }
  }
  return out;
}
