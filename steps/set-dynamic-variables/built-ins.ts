/** The built-in variables Set Dynamic Variables gathers before it evaluates its rules. */
import type { SystemFacts } from '../../engine/step-api.ts';

/** `[name, value]` pairs for `_SMSTSMake` ... `_SMSTSDefaultGateways`; lists are comma-joined. */
export function planBuiltIns(facts: SystemFacts): Array<[string, string]> {
  return [
    ['_SMSTSMake', facts.make],
    ['_SMSTSModel', facts.model],
    ['_SMSTSSerialNumber', facts.serialNumber],
    ['_SMSTSAssetTag', facts.assetTag ?? ''],
    ['_SMSTSUUID', facts.uuid],
    ['_SMSTSMacAddresses', facts.macAddresses.join(',')],
    ['_SMSTSIPAddresses', facts.ipAddresses.join(',')],
    ['_SMSTSDefaultGateways', facts.defaultGateways.join(',')],
  ];
}
