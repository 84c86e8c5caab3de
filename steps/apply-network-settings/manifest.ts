/** Apply Network Settings' facts: its type and options (each read as the documented variable when absent). */
import { defineManifest } from '../../engine/step-api.ts';

export const APPLY_NETWORK_SETTINGS_TYPE = 'SMS_TaskSequence_ApplyNetworkSettingsAction';

export const applyNetworkSettingsManifest = defineManifest({
  types: [{ type: APPLY_NETWORK_SETTINGS_TYPE, displayName: 'Apply Network Settings', defaultRunIn: 'WinPE' }],
  options: [
    { kind: 'text', name: 'Type', variable: 'OSDNetworkJoinType', fallback: true, description: '`0`: join a domain, `1`: a workgroup' },
    { kind: 'text', name: 'DomainName', variable: 'OSDDomainName', fallback: true, description: 'domain to join' },
    { kind: 'text', name: 'DomainOUName', variable: 'OSDDomainOUName', fallback: true, description: 'organizational unit (without `LDAP://`)' },
    { kind: 'text', name: 'DomainUserName', variable: 'OSDJoinAccount', fallback: true, description: 'account that joins' },
    { kind: 'secret', name: 'DomainPassword', variable: 'OSDJoinPassword', fallback: true, description: "the account's password" },
    { kind: 'text', name: 'WorkgroupName', variable: 'OSDWorkgroupName', fallback: true, description: 'workgroup to join' },
    { kind: 'text', name: 'DNSDomain', variable: 'OSDDNSDomain', fallback: true, description: 'DNS domain' },
    { kind: 'text', name: 'DNSSuffixSearchOrder', variable: 'OSDDNSSuffixSearchOrder', fallback: true, description: 'comma list of DNS suffixes' },
    { kind: 'text', name: 'EnableTCPIPFiltering', description: 'accepted' },
    { kind: 'text', name: 'NumAdapters', variable: 'OSDAdapterCount', fallback: true, description: 'number of `OSDAdapter<n>*` adapters (zero-based)' },
    { kind: 'text', name: 'Adapters', description: 'accepted; the adapters come from the `OSDAdapter<n>*` variables' },
  ],
});
