/** Built-in variables the engine sets from the environment at start and after every boot. */
import type { VariableStore } from '../../variables/index.ts';
import type { EnvironmentFacts, TimeZoneFacts } from '../ports/system-info.ts';
import type { Program } from '../program/index.ts';
import type { PackageInfo } from '../definition/model.ts';

/** `Bias,StandardBias,DaylightBias,StandardDate(8),DaylightDate(8),StandardName,DaylightName`. */
export function renderTimeZone(tz: TimeZoneFacts): string {
  const date = (d: number[]): string => [...d, 0, 0, 0, 0, 0, 0, 0, 0].slice(0, 8).join(',');
  return [tz.bias, tz.standardBias, tz.daylightBias, date(tz.standardDate), date(tz.daylightDate), tz.standardName, tz.daylightName].join(',');
}

/**
 * Sets the environment built-ins: they change across reboots (`_SMSTSInWinPE`, paths), so they are set again on every
 * boot. Values follow the reference: `true`/`false`, media types as ConfigMgr spells them, `_TSSecureBoot`
 * `NA|Enabled|Disabled`. `_SMSTSBootUEFI` is `false` on BIOS (rather than absent) so both spellings of the usual
 * conditions work; `_OSDDetected*` exist only when there is something to name.
 */
export function setEnvironmentBuiltins(vars: VariableStore, env: EnvironmentFacts): void {
  const set = (n: string, v: string): void => vars.set(n, v, { writer: 'engine' });
  set('_SMSTSInWinPE', env.inWinPE ? 'true' : 'false');
  set('_SMSTSMediaType', env.mediaType);
  set('_SMSTSLaunchMode', env.launchMode);
  set('_SMSTSBootUEFI', env.firmware === 'UEFI' ? 'true' : 'false');
  set('_TSSecureBoot', env.firmware === 'UEFI' ? env.secureBoot : 'NA');
  set('_SMSTSMDataPath', env.dataPath);
  set('_SMSTSLogPath', env.logPath);
  set('_SMSTSTimezone', renderTimeZone(env.timeZone));
  set('_SMSTSMachineName', env.machineName);
  set('_OSDDetectedWinDir', env.inWinPE ? env.detectedWindows?.winDir ?? '' : '');
  set('_OSDDetectedWinDrive', env.inWinPE ? env.detectedWindows?.drive ?? '' : '');
  // The protected local state folder lives in the engine's folder on a local volume (never on X:), which Apply
  // Operating System Image keeps when it wipes.
  const local = /^([A-WYZ]:\\_SMSTaskSequence)\b/i.exec(env.dataPath);
  set('_SMSTSUserStatePath', local ? `${local[1]}\\UserState` : '');
  set('_SMSTSStandAloneMode', env.mediaType === 'FullMedia' ? 'true' : '');
}

/**
 * Sets the built-ins that describe the run itself (once, at its start). `_SMSTSClientCache` belongs here: it names the
 * ConfigMgr client cache a run started from the full OS uses for its content, and it stays set after a restart into
 * Windows PE, which is what lets the wizard's conditions skip Format and Partition Disk on a refresh.
 */
export function setSequenceBuiltins(vars: VariableStore, program: Program, pkg: PackageInfo | undefined, env: EnvironmentFacts): void {
  const set = (n: string, v: string): void => vars.set(n, v, { writer: 'engine' });
  set('_SMSTSClientCache', env.clientCache ?? '');
  set('_SMSTSPackageID', program.packageId);
  set('_SMSTSPackageName', program.name);
  set('_SMSTSInstructionTableSize', String(program.instructions.length));
  set('_SMSTSType', pkg?.packageType ?? '2');
  set('_SMSTSBootImageID', pkg?.bootImageId ?? '');
}
