/**
 * Apply Network Settings: in Windows PE, writes the domain or workgroup join, DNS settings and static adapters into
 * the applied Windows' answer file; Windows Setup joins and configures at the first boot. The join password goes
 * only into that file on the target volume.
 */
import type { StepContext, StepModule, StepResult } from '../../engine/step-api.ts';
import { EXIT_INVALID_PARAMETER, EXIT_NOT_SUPPORTED } from '../../engine/step-api.ts';
import { openTargetAnswerFile, saveTargetAnswerFile } from '../shared/target-answer-file.ts';
import { replaceComponent } from '../shared/unattend-edit.ts';
import { checkNetworkSettings, planDnsClient, planJoin, planTcpip } from './plan.ts';
import { readNetworkValues } from './read-values.ts';
import { applyNetworkSettingsManifest, APPLY_NETWORK_SETTINGS_TYPE } from './manifest.ts';

export { APPLY_NETWORK_SETTINGS_TYPE } from './manifest.ts';

async function run(ctx: StepContext): Promise<StepResult> {
  if (!ctx.environment.inWinPE) return { exitCode: EXIT_NOT_SUPPORTED, message: 'Apply Network Settings runs in Windows PE, before Setup Windows and ConfigMgr' };
  const values = readNetworkValues(ctx);
  if (typeof values === 'string') return { exitCode: EXIT_INVALID_PARAMETER, message: values };
  const problem = checkNetworkSettings(values);
  if (problem) return { exitCode: EXIT_INVALID_PARAMETER, message: problem };
  const file = openTargetAnswerFile(ctx);
  if ('exitCode' in file) return file;
  if (values.join) replaceComponent(file.tree, 'specialize', 'Microsoft-Windows-UnattendedJoin', file.architecture, planJoin(values.join));
  const tcpip = planTcpip(values.adapters);
  if (tcpip.length > 0) replaceComponent(file.tree, 'specialize', 'Microsoft-Windows-TCPIP', file.architecture, tcpip);
  const dns = planDnsClient(values);
  if (dns.length > 0) replaceComponent(file.tree, 'specialize', 'Microsoft-Windows-DNS-Client', file.architecture, dns);
  const failed = saveTargetAnswerFile(ctx, file);
  if (failed) return failed;
  const join = values.join?.kind === 'domain' ? `join domain ${values.join.domain}${values.join.ou ? ` (${values.join.ou})` : ''} as ${values.join.account}`
    : values.join ? `join workgroup ${values.join.workgroup}` : 'membership unchanged';
  ctx.log.info(`Wrote network settings to ${file.drive}\\Windows\\Panther\\unattend.xml: ${join}; ${values.adapters.length} adapter(s), ${values.adapters.filter((a) => !a.dhcp).length} static`);
  return { exitCode: 0 };
}

const PROPERTIES = ['Type', 'DomainName', 'DomainOUName', 'DomainUserName', 'DomainPassword', 'WorkgroupName', 'DNSDomain', 'DNSSuffixSearchOrder', 'EnableTCPIPFiltering', 'NumAdapters', 'Adapters'];

/** Apply Network Settings (`SMS_TaskSequence_ApplyNetworkSettingsAction`). */
export const applyNetworkSettingsStep: StepModule = {
  id: 'apply-network-settings',
  component: 'OSDNetSettings',
  manifest: applyNetworkSettingsManifest,
  runIn: 'WinPE',
  rerunnable: true,
  ports: ['volumes', 'windows'],
  run,
};
