/** Join Domain or Workgroup's facts: its type and options (each read as the documented variable when absent). */
import { defineManifest } from '../../engine/step-api.ts';

export const JOIN_DOMAIN_TYPE = 'SMS_TaskSequence_JoinDomainWorkgroupAction';

export const joinDomainWorkgroupManifest = defineManifest({
  types: [{ type: JOIN_DOMAIN_TYPE, displayName: 'Join Domain or Workgroup', defaultRunIn: 'FullOS' }],
  options: [
    { kind: 'text', name: 'Type', variable: 'OSDJoinType', fallback: true, description: '`0`: join a domain, `1`: a workgroup' },
    { kind: 'text', name: 'DomainName', variable: 'OSDJoinDomainName', fallback: true, description: 'domain to join' },
    { kind: 'text', name: 'DomainOUName', variable: 'OSDJoinDomainOUName', fallback: true, description: 'organizational unit (`LDAP://` is dropped)' },
    { kind: 'text', name: 'DomainUserName', variable: 'OSDJoinAccount', fallback: true, description: 'account that joins (required for a domain)' },
    { kind: 'secret', name: 'DomainPassword', variable: 'OSDJoinPassword', fallback: true, description: "the account's password" },
    { kind: 'text', name: 'WorkgroupName', variable: 'OSDJoinWorkgroupName', fallback: true, description: 'workgroup, 1 to 32 characters' },
    { kind: 'flag', name: 'SkipReboot', variable: 'OSDJoinSkipReboot', fallback: true, lenient: true, default: false, description: 'the membership takes effect at the next restart' },
  ],
});
