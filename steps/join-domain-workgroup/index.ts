/**
 * Join Domain or Workgroup: in the full OS, joins the running Windows to a domain (with the join account; a missing
 * password means a blank one is tried, as documented) or a workgroup, then restarts unless `OSDJoinSkipReboot`.
 */
import type { JoinRequest, StepContext, StepModule, StepResult } from '../../engine/step-api.ts';
import { EXIT_INVALID_PARAMETER, EXIT_NOT_SUPPORTED } from '../../engine/step-api.ts';
import { parseFlag, readOption } from '../shared/option-value.ts';
import { joinDomainWorkgroupManifest, JOIN_DOMAIN_TYPE } from './manifest.ts';

export { JOIN_DOMAIN_TYPE } from './manifest.ts';

function readRequest(ctx: StepContext): JoinRequest | string {
  const type = readOption(ctx, 'Type', 'OSDJoinType')?.trim();
  if (type === '1') {
    const name = readOption(ctx, 'WorkgroupName', 'OSDJoinWorkgroupName')?.trim() ?? '';
    if (name === '' || name.length > 32) return 'OSDJoinWorkgroupName must be 1 to 32 characters';
    return { kind: 'workgroup', name };
  }
  if (type !== '0') return `OSDJoinType is "${type ?? ''}", not 0 (domain) or 1 (workgroup)`;
  const name = readOption(ctx, 'DomainName', 'OSDJoinDomainName')?.trim() ?? '';
  if (name === '') return 'OSDJoinType is 0 (domain) but OSDJoinDomainName is empty';
  const account = readOption(ctx, 'DomainUserName', 'OSDJoinAccount')?.trim();
  if (!account) return `joining domain ${name} needs an account: OSDJoinAccount is empty`;
  const ou = readOption(ctx, 'DomainOUName', 'OSDJoinDomainOUName')?.replace(/^LDAP:\/\//i, '');
  const password = readOption(ctx, 'DomainPassword', 'OSDJoinPassword');
  return { kind: 'domain', name, account, ...(ou ? { ou } : {}), ...(password ? { password } : {}) };
}

async function run(ctx: StepContext): Promise<StepResult> {
  const windows = ctx.environment.inWinPE ? undefined : ctx.ports.windows.running();
  if (!windows) return { exitCode: EXIT_NOT_SUPPORTED, message: 'Join Domain or Workgroup runs only in the installed Windows, not in Windows PE' };
  const request = readRequest(ctx);
  if (typeof request === 'string') return { exitCode: EXIT_INVALID_PARAMETER, message: request };
  if (request.kind === 'domain' && request.password === undefined) ctx.log.warn(`OSDJoinPassword is empty; trying a blank password for ${request.account}`);
  await ctx.ports.windows.join(request);
  ctx.log.info(`Joined ${request.kind} ${request.name}${request.ou ? ` in ${request.ou}` : ''}${request.account ? ` as ${request.account}` : ''}`);
  if (parseFlag(readOption(ctx, 'SkipReboot', 'OSDJoinSkipReboot'))) ctx.log.info('OSDJoinSkipReboot is set: the membership takes effect at the next restart');
  else ctx.requestReboot({ target: 'HD' });
  return { exitCode: 0 };
}

const PROPERTIES = ['Type', 'DomainName', 'DomainOUName', 'DomainUserName', 'DomainPassword', 'WorkgroupName', 'SkipReboot'];

/** Join Domain or Workgroup (`SMS_TaskSequence_JoinDomainWorkgroupAction`). */
export const joinDomainWorkgroupStep: StepModule = {
  id: 'join-domain-workgroup',
  component: 'OSDJoin',
  manifest: joinDomainWorkgroupManifest,
  runIn: 'FullOS',
  // Joining the same domain or workgroup again changes nothing.
  rerunnable: true,
  ports: ['windows'],
  machineCalls: (view) => (parseFlag(view.options.SkipReboot) ? [] : [{ kind: 'restart', target: 'HD' }]),
  run,
};
