/** SMBIOS system enclosure (chassis) types, as numbers and as the names inventory tools print. */

const NAMES = [
  'Other', 'Unknown', 'Desktop', 'Low Profile Desktop', 'Pizza Box', 'Mini Tower', 'Tower', 'Portable', 'Laptop',
  'Notebook', 'Hand Held', 'Docking Station', 'All in One', 'Sub Notebook', 'Space-saving', 'Lunch Box',
  'Main Server Chassis', 'Expansion Chassis', 'SubChassis', 'Bus Expansion Chassis', 'Peripheral Chassis',
  'RAID Chassis', 'Rack Mount Chassis', 'Sealed-case PC', 'Multi-system chassis', 'Compact PCI', 'Advanced TCA',
  'Blade', 'Blade Enclosure', 'Tablet', 'Convertible', 'Detachable', 'IoT Gateway', 'Embedded PC', 'Mini PC',
  'Stick PC',
];

/** Portable chassis: these make `Win32_ComputerSystem.PCSystemType` 2 (mobile). */
const MOBILE = new Set([8, 9, 10, 11, 14, 30, 31, 32]);

/** SMBIOS number for a chassis name (case-insensitive), or undefined. */
export function parseChassisType(name: string): number | undefined {
  const i = NAMES.findIndex((n) => n.toLowerCase() === name.trim().toLowerCase());
  return i < 0 ? undefined : i + 1;
}

/** True when any of the chassis types is a portable one. */
export function isMobileChassis(types: readonly number[]): boolean {
  return types.some((t) => MOBILE.has(t));
}
