import { test } from 'node:test';
import assert from 'node:assert/strict';
import { planUnattend, renderUnattend } from '../shared/unattend.ts';
import { replaceComponent } from '../shared/unattend-edit.ts';
import { checkNetworkSettings, planDnsClient, planJoin, planTcpip, type AdapterValues } from './plan.ts';

const staticAdapter: AdapterValues = { index: 0, macAddress: 'A4:BB:6D:4E:21:9C', dhcp: false, ipAddresses: ['10.0.0.5'], subnetMasks: ['255.255.255.0'], gateways: ['10.0.0.1'], dnsServers: ['10.0.0.10', '10.0.0.11'] };

test('refusals: a domain join without an account, a static adapter without addresses or MAC', () => {
  assert.equal(checkNetworkSettings({ join: { kind: 'domain', domain: 'corp.example' }, dnsSuffixSearchOrder: [], adapters: [] }), 'joining domain corp.example needs an account: OSDJoinAccount is empty');
  assert.match(checkNetworkSettings({ join: undefined, dnsSuffixSearchOrder: [], adapters: [{ ...staticAdapter, ipAddresses: [], subnetMasks: [] }] }) ?? '', /has no OSDAdapter0IPAddressList/);
  assert.match(checkNetworkSettings({ join: undefined, dnsSuffixSearchOrder: [], adapters: [{ ...staticAdapter, macAddress: undefined }] }) ?? '', /no OSDAdapter0MacAddress/);
});

test('join, TCPIP and DNS-Client components are namespaced and keyed by MAC address', () => {
  const tree = planUnattend({ architecture: 'x64' });
  replaceComponent(tree, 'specialize', 'Microsoft-Windows-UnattendedJoin', 'x64', planJoin({ kind: 'domain', domain: 'corp.example', ou: 'LDAP://OU=Desktops,DC=corp,DC=example', account: 'CORP\\svc-join', password: 'pw' }));
  replaceComponent(tree, 'specialize', 'Microsoft-Windows-TCPIP', 'x64', planTcpip([staticAdapter]));
  replaceComponent(tree, 'specialize', 'Microsoft-Windows-DNS-Client', 'x64', planDnsClient({ join: undefined, dnsDomain: 'corp.example', dnsSuffixSearchOrder: ['corp.example'], adapters: [staticAdapter] }));
  const xml = renderUnattend(tree);
  assert.match(xml, /<unattend xmlns="urn:schemas-microsoft-com:unattend" xmlns:wcm="http:\/\/schemas\.microsoft\.com\/WMIConfig\/2002\/State">/);
  assert.match(xml, /<Credentials>\s*<Domain>CORP<\/Domain>\s*<Username>svc-join<\/Username>\s*<Password>pw<\/Password>\s*<\/Credentials>\s*<JoinDomain>corp\.example<\/JoinDomain>\s*<MachineObjectOU>OU=Desktops,DC=corp,DC=example<\/MachineObjectOU>/);
  assert.match(xml, /<Interface wcm:action="add" wcm:keyValue="A4-BB-6D-4E-21-9C">[\s\S]*<IpAddress wcm:action="add" wcm:keyValue="1">10\.0\.0\.5\/24<\/IpAddress>[\s\S]*<NextHopAddress>10\.0\.0\.1<\/NextHopAddress>/);
  assert.match(xml, /<DNSServerSearchOrder>\s*<IpAddress wcm:action="add" wcm:keyValue="1">10\.0\.0\.10<\/IpAddress>/);
});
