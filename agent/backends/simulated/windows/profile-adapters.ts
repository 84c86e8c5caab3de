/** The profile's network adapters as the running Windows reports their settings. */
import type { AdapterSettings } from '../../../../engine/index.ts';
import type { MachineProfile } from '../profile/profile-types.ts';

const IPV4 = /^\d+\.\d+\.\d+\.\d+$/;

/** IP-enabled adapters in profile order; IPv4 addresses with their masks (IPv6 entries are left out). */
export function profileAdapters(profile: MachineProfile): AdapterSettings[] {
  return (profile.network?.adapters ?? []).filter((a) => a.ipEnabled ?? true).map((a, index) => {
    const pairs = (a.ipAddresses ?? []).map((ip, i) => [ip, a.subnetMasks?.[i] ?? '255.255.255.0'] as const).filter(([ip]) => IPV4.test(ip));
    return {
      name: a.name, macAddress: a.macAddress.toUpperCase().replace(/-/g, ':'), index, dhcp: a.dhcp ?? true,
      ipAddresses: pairs.map(([ip]) => ip), subnetMasks: pairs.map(([, m]) => m), gateways: [...(a.gateways ?? [])],
      dnsServers: [...(a.dnsServers ?? [])],
    };
  });
}
