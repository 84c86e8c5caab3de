/** Reading Apply Network Settings' values: the step's options, then the documented variables (Capture Network Settings writes them). */
import type { StepContext } from '../../engine/step-api.ts';
import { readOption } from '../shared/option-value.ts';
import type { AdapterValues, NetworkSettingsValues } from './plan.ts';

const list = (value: string | undefined): string[] => (value ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '');
const flag = (value: string | undefined, fallback: boolean): boolean => (value === undefined ? fallback : value.trim().toLowerCase() === 'true');

function readAdapter(ctx: StepContext, n: number): AdapterValues {
  const v = (field: string) => {
    const raw = ctx.vars.get(`OSDAdapter${n}${field}`);
    return raw === undefined || raw === '' ? undefined : ctx.vars.expand(raw).text;
  };
  const registration = v('EnableDNSRegistration');
  return {
    index: Number(v('Index') ?? n), name: v('Name'), macAddress: v('MacAddress'), dhcp: flag(v('EnableDHCP'), true),
    ipAddresses: list(v('IPAddressList')), subnetMasks: list(v('SubnetMask')), gateways: list(v('Gateways')),
    dnsServers: list(v('DNSServerList')), dnsDomain: v('DNSDomain'),
    ...(registration === undefined ? {} : { dnsRegistration: flag(registration, true) }),
  };
}

/** The join, DNS and adapter values (adapters from `OSDAdapterCount` and `OSDAdapter<n>*`, zero-based). */
export function readNetworkValues(ctx: StepContext): NetworkSettingsValues | string {
  const type = readOption(ctx, 'Type', 'OSDNetworkJoinType')?.trim();
  let join: NetworkSettingsValues['join'];
  if (type === '0') {
    const ou = readOption(ctx, 'DomainOUName', 'OSDDomainOUName');
    const account = readOption(ctx, 'DomainUserName', 'OSDJoinAccount');
    const password = readOption(ctx, 'DomainPassword', 'OSDJoinPassword');
    join = { kind: 'domain', domain: readOption(ctx, 'DomainName', 'OSDDomainName') ?? '', ...(ou ? { ou } : {}), ...(account ? { account } : {}), ...(password ? { password } : {}) };
  } else if (type === '1') join = { kind: 'workgroup', workgroup: readOption(ctx, 'WorkgroupName', 'OSDWorkgroupName') ?? '' };
  else if (type !== undefined) return `OSDNetworkJoinType is "${type}", not 0 (domain) or 1 (workgroup)`;
  const countText = readOption(ctx, 'NumAdapters', 'OSDAdapterCount') ?? '0';
  if (!/^\d+$/.test(countText.trim())) return `OSDAdapterCount is "${countText}", not a number`;
  const adapters = Array.from({ length: Number(countText) }, (_, n) => readAdapter(ctx, n));
  const dnsDomain = readOption(ctx, 'DNSDomain', 'OSDDNSDomain');
  return { join, ...(dnsDomain ? { dnsDomain } : {}), dnsSuffixSearchOrder: list(readOption(ctx, 'DNSSuffixSearchOrder', 'OSDDNSSuffixSearchOrder')), adapters };
}
