/**
 * Variables that are secret by design: the SDK marks them `Secret` (passwords) or "quasi-secret" (product keys).
 * Their values are redacted everywhere even when nobody flagged them.
 */
const SECRET_NAMES = [
  'OSDJoinPassword',
  'OSDLocalAdminPassword',
  'OSDCaptureAccountPassword',
  'SMSConnectNetworkFolderPassword',
  'SMSTSRunCommandLineUserPassword',
  'SMSTSRunPowerShellUserPassword',
  'OSDMigrateLocalAccountPassword',
  'OSDProductKey',
  'OSDBitLockerPIN',
  'OSDBitLockerRecoveryPassword',
  'OSDBitLockerStartupKey',
  'OSDStateStorePassword',
  'OSDMigrateEncryptionKey',
].map((n) => n.toLowerCase());

const SECRET_SET = new Set(SECRET_NAMES);

/** True when `name` is one of the documented password / product-key variables. */
export function isSecretByName(name: string): boolean {
  return SECRET_SET.has(name.toLowerCase());
}

/** The documented secret variable names (lower case). */
export function secretNames(): readonly string[] {
  return SECRET_NAMES;
}
