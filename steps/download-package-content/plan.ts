/** Download Package Content: options to a plan (pure): which packages, where they go, which variables name them. */
import { EXIT_INVALID_PARAMETER, EXIT_NOT_SUPPORTED } from '../../engine/step-api.ts';

export const DOWNLOAD_PACKAGE_CONTENT_TYPE = 'SMS_TaskSequence_DownloadPackageContentAction';

/** `TSCache` (task sequence working directory), `CCMCache` (ConfigMgr client cache) or `Custom` (a path). */
export type LocationType = 'TSCache' | 'CCMCache' | 'Custom';
const LOCATIONS: readonly LocationType[] = ['TSCache', 'CCMCache', 'Custom'];

/** `LAB00012, LAB00013` -> ids in list order (empty entries dropped). */
export function parsePackageList(value: string | undefined): string[] {
  return (value ?? '').split(',').map((s) => s.trim()).filter(Boolean);
}

/** The location type (any letter case); empty = `TSCache`; undefined for anything else. */
export function parseLocation(value: string | undefined): LocationType | undefined {
  const v = (value ?? '').trim();
  if (v === '') return 'TSCache';
  return LOCATIONS.find((l) => l.toLowerCase() === v.toLowerCase());
}

/** The base name of the path variables: `%MyContent%` and `MyContent` both mean `MyContent`; undefined when empty. */
export function variableBase(value: string | undefined): string | undefined {
  const v = (value ?? '').trim().replace(/^%(.*)%$/, '$1').trim();
  return v === '' ? undefined : v;
}

/** The variable holding the path of the package at `index` (0-based) in the list: `MyContent01`, `MyContent02`, ... */
export function pathVariableName(base: string, index: number): string {
  return `${base}${String(index + 1).padStart(2, '0')}`;
}

export interface DestinationFacts {
  location: LocationType;
  customPath?: string;
  /** `_SMSTSMDataPath`, e.g. `C:\_SMSTaskSequence`. */
  dataPath: string;
  /** The ConfigMgr client cache, when the machine has one. */
  clientCache?: string;
  inWinPE: boolean;
}

/**
 * The folder that receives `<folder>\<PackageID>`: `<_SMSTSMDataPath>\Packages` for the task sequence cache, the
 * client cache (`<drive>\Windows\ccmcache` when the machine reports none; not in Windows PE), or the custom path.
 */
export function planDestination(f: DestinationFacts): { folder: string } | { exitCode: number; message: string } {
  if (f.location === 'TSCache') return { folder: `${f.dataPath.replace(/\\+$/, '')}\\Packages` };
  if (f.location === 'CCMCache') {
    if (f.inWinPE) return { exitCode: EXIT_NOT_SUPPORTED, message: 'the Configuration Manager client cache cannot be used in Windows PE (DestinationLocationType CCMCache)' };
    const drive = /^[A-Za-z]:/.exec(f.dataPath)?.[0] ?? 'C:';
    return { folder: f.clientCache ?? `${drive}\\Windows\\ccmcache` };
  }
  const custom = f.customPath?.trim();
  if (!custom) return { exitCode: EXIT_INVALID_PARAMETER, message: 'DestinationLocationType is Custom but DestinationCustomPath is empty' };
  return { folder: custom.replace(/[\\/]+$/, '') };
}
