/**
 * Capture Network Settings: in the full OS, records the domain or workgroup membership (`OSDNetworkJoinType`,
 * `OSDDomainName`, `OSDDomainOUName`, `OSDWorkgroupName`) and the adapters' settings (`OSDAdapterCount`,
 * `OSDAdapter<n>*`, zero-based) for Apply Network Settings.
 */
import type { AdapterSettings, StepContext, StepModule, StepResult } from '../../engine/step-api.ts';
import { EXIT_NOT_SUPPORTED } from '../../engine/step-api.ts';
import { readOption } from '../shared/option-value.ts';
import { setStepVariable } from '../shared/set-step-variable.ts';
import { captureNetworkSettingsManifest, CAPTURE_NETWORK_SETTINGS_TYPE } from './manifest.ts';

export { CAPTURE_NETWORK_SETTINGS_TYPE } from './manifest.ts';

/** The `OSDAdapter<n>*` variables of one adapter. */
export function adapterVariables(a: AdapterSettings, n: number): Array<[string, string]> {
  const p = `OSDAdapter${n}`;
  return [
    [`${p}Name`, a.name], [`${p}MacAddress`, a.macAddress], [`${p}Index`, String(a.index)], [`${p}EnableDHCP`, String(a.dhcp)],
    [`${p}IPAddressList`, a.ipAddresses.join(',')], [`${p}SubnetMask`, a.subnetMasks.join(',')], [`${p}Gateways`, a.gateways.join(',')],
    [`${p}DNSServerList`, a.dnsServers.join(',')], [`${p}DNSDomain`, a.dnsDomain ?? ''],
  ];
}

function membershipVariables(ctx: StepContext): Array<[string, string]> {
  const m = ctx.ports.windows.running()!.membership;
  return m.kind === 'domain'
    ? [['OSDNetworkJoinType', '0'], ['OSDDomainName', m.name], ['OSDDomainOUName', m.ou ? `LDAP://${m.ou}` : '']]
    : [['OSDNetworkJoinType', '1'], ['OSDWorkgroupName', m.name]];
}

async function run(ctx: StepContext): Promise<StepResult> {
  const windows = ctx.environment.inWinPE ? undefined : ctx.ports.windows.running();
  if (!windows) return { exitCode: EXIT_NOT_SUPPORTED, message: 'Capture Network Settings runs only in the installed Windows, not in Windows PE' };
  // SDK default: membership off, adapters on.
  const membership = readOption(ctx, 'MigrateNetworkMembership', 'OSDMigrateNetworkMembership')?.trim().toLowerCase() === 'true';
  const adapters = readOption(ctx, 'MigrateAdapterSettings', 'OSDMigrateAdapterSettings')?.trim().toLowerCase() !== 'false';
  const vars: Array<[string, string]> = membership ? membershipVariables(ctx) : [];
  const found = adapters ? ctx.ports.windows.adapters() : [];
  if (adapters) {
    vars.push(['OSDAdapterCount', String(found.length)]);
    found.forEach((a, n) => vars.push(...adapterVariables(a, n)));
  }
  for (const [name, value] of vars) {
    const failed = setStepVariable(ctx.vars, name, value);
    if (failed) return failed;
  }
  ctx.log.info(`Captured network settings of ${windows.drive}: ${membership ? `${windows.membership.kind} ${windows.membership.name}` : 'membership not migrated'}; ${adapters ? `${found.length} adapter(s)` : 'adapters not migrated'}`);
  return { exitCode: 0 };
}

/** Capture Network Settings (`SMS_TaskSequence_CaptureNetworkSettingsAction`). */
export const captureNetworkSettingsStep: StepModule = {
  id: 'capture-network-settings',
  component: 'OSDNetSettings',
  manifest: captureNetworkSettingsManifest,
  runIn: 'FullOS',
  rerunnable: true,
  ports: ['windows'],
  run,
};
