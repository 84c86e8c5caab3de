/**
 * Apply Network Settings as answer-file components (pure): `Microsoft-Windows-UnattendedJoin` (domain with OU and
 * account, or workgroup), `Microsoft-Windows-TCPIP` (static adapters) and `Microsoft-Windows-DNS-Client` (DNS domain,
 * suffix search order, per-adapter DNS servers), all in the specialize pass. Adapters are keyed by MAC address.
 */
import type { AdapterSettings, XmlElement } from '../../engine/step-api.ts';
import { element } from '../shared/unattend.ts';

/** An adapter as the `OSDAdapter<n>*` variables give it: the captured settings' shape, name and MAC optional. */
export type AdapterValues = Omit<AdapterSettings, 'name' | 'macAddress'> & Partial<Pick<AdapterSettings, 'name' | 'macAddress'>> & {
  dnsRegistration?: boolean;
};

export interface NetworkSettingsValues {
  join: { kind: 'domain'; domain: string; ou?: string; account?: string; password?: string } | { kind: 'workgroup'; workgroup: string } | undefined;
  dnsDomain?: string;
  dnsSuffixSearchOrder: string[];
  adapters: AdapterValues[];
}

/** Why the values cannot be written, or undefined. */
export function checkNetworkSettings(v: NetworkSettingsValues): string | undefined {
  if (v.join?.kind === 'domain') {
    if (!v.join.domain) return 'OSDNetworkJoinType is 0 (domain) but OSDDomainName is empty';
    if (!v.join.account) return `joining domain ${v.join.domain} needs an account: OSDJoinAccount is empty`;
    if (!/^[^\\]+\\[^\\]+$/.test(v.join.account) && !v.join.account.includes('@')) return `OSDJoinAccount "${v.join.account}" is not DOMAIN\\user or user@domain`;
  }
  if (v.join?.kind === 'workgroup' && (v.join.workgroup === '' || v.join.workgroup.length > 32)) return 'OSDWorkgroupName must be 1 to 32 characters';
  for (const a of v.adapters) {
    if (!a.dhcp && a.ipAddresses.length === 0) return `adapter ${a.index} (OSDAdapter${a.index}EnableDHCP false) has no OSDAdapter${a.index}IPAddressList`;
    if (!a.dhcp && a.ipAddresses.length !== a.subnetMasks.length) return `adapter ${a.index}: OSDAdapter${a.index}IPAddressList has ${a.ipAddresses.length} addresses but OSDAdapter${a.index}SubnetMask ${a.subnetMasks.length} masks`;
    if (!a.macAddress) return `adapter ${a.index} has no OSDAdapter${a.index}MacAddress: Windows Setup finds adapters by MAC address`;
  }
  return undefined;
}

const add = (name: string, key: string, children: XmlElement[] = [], text = '') =>
  element(name, { 'wcm:action': 'add', 'wcm:keyValue': key }, children, text);
const leaf = (name: string, text: string) => element(name, {}, [], text);
const identifier = (mac: string) => mac.toUpperCase().replace(/:/g, '-');

function prefixLength(mask: string): number {
  if (/^\d+$/.test(mask)) return Number(mask);
  return mask.split('.').reduce((n, part) => n + (Number(part) >>> 0).toString(2).split('').filter((b) => b === '1').length, 0);
}

/** UnattendedJoin's `Identification` children (the password only goes into the target's file). */
export function planJoin(join: NetworkSettingsValues['join']): XmlElement[] {
  if (!join) return [];
  if (join.kind === 'workgroup') return [element('Identification', {}, [leaf('JoinWorkgroup', join.workgroup)])];
  const [domainPart, user] = join.account?.includes('\\') ? join.account.split('\\') : [join.domain, join.account ?? ''];
  const credentials = element('Credentials', {}, [leaf('Domain', domainPart), leaf('Username', user), leaf('Password', join.password ?? '')]);
  return [element('Identification', {}, [credentials, leaf('JoinDomain', join.domain), ...(join.ou ? [leaf('MachineObjectOU', join.ou.replace(/^LDAP:\/\//i, ''))] : [])])];
}

/** TCPIP's `Interfaces` for the adapters with static addresses (DHCP adapters need no entry). */
export function planTcpip(adapters: readonly AdapterValues[]): XmlElement[] {
  const statics = adapters.filter((a) => !a.dhcp);
  if (statics.length === 0) return [];
  return [element('Interfaces', {}, statics.map((a) => add('Interface', identifier(a.macAddress!), [
    element('Ipv4Settings', {}, [leaf('DhcpEnabled', 'false')]),
    leaf('Identifier', identifier(a.macAddress!)),
    element('UnicastIpAddresses', {}, a.ipAddresses.map((ip, i) => add('IpAddress', String(i + 1), [], `${ip}/${prefixLength(a.subnetMasks[i] ?? '24')}`))),
    ...(a.gateways.length > 0 ? [element('Routes', {}, a.gateways.map((g, i) => add('Route', String(i), [leaf('Identifier', String(i)), leaf('Prefix', '0.0.0.0/0'), leaf('NextHopAddress', g)])))] : []),
  ])))];
}

/** DNS-Client's settings: domain, suffix search order and per-adapter servers. */
export function planDnsClient(v: NetworkSettingsValues): XmlElement[] {
  const out: XmlElement[] = [];
  if (v.dnsDomain) out.push(leaf('DNSDomain', v.dnsDomain));
  if (v.dnsSuffixSearchOrder.length > 0) out.push(element('DNSSuffixSearchOrder', {}, v.dnsSuffixSearchOrder.map((d, i) => add('DomainName', String(i + 1), [], d))));
  const withDns = v.adapters.filter((a) => a.dnsServers.length > 0 || a.dnsDomain);
  if (withDns.length > 0) {
    out.push(element('Interfaces', {}, withDns.map((a) => add('Interface', identifier(a.macAddress!), [
      leaf('Identifier', identifier(a.macAddress!)),
      ...(a.dnsServers.length > 0 ? [element('DNSServerSearchOrder', {}, a.dnsServers.map((s, i) => add('IpAddress', String(i + 1), [], s)))] : []),
      ...(a.dnsDomain ? [leaf('DNSDomain', a.dnsDomain)] : []),
      ...(a.dnsRegistration === undefined ? [] : [leaf('EnableAdapterDomainNameRegistration', String(a.dnsRegistration))]),
    ]))));
  }
  return out;
}
