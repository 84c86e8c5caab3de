/**
 * MachineProbe of the simulated machine: WMI through the engine's WQL evaluator; files and folders from the volume
 * folders by drive letter, plus the running OS's listed files; registry and products from the profile.
 */
import {
  DEFAULT_WMI_NAMESPACE, normalizeWmiNamespace, runWql, UnsupportedQueryError,
  type FileFacts, type InstalledProduct, type MachineProbe, type RegistryValue, type WmiRow,
} from '../../../../engine/index.ts';
import { findEntry, splitVolumePath } from '../../host-files/volume-files.ts';
import { entryKind } from '../../host-files/no-follow.ts';
import { runningOs, type RunningOs } from '../machine/running-os.ts';
import { wmiRows, type WmiView } from './wmi-classes.ts';

const HIVE_ALIASES: Record<string, string> = {
  HKLM: 'HKEY_LOCAL_MACHINE', HKCU: 'HKEY_CURRENT_USER', HKU: 'HKEY_USERS', HKCR: 'HKEY_CLASSES_ROOT',
  HKCC: 'HKEY_CURRENT_CONFIG',
};

/** Lower-case path with backslashes and no trailing separator (except a drive root), for comparisons. */
function pathKey(path: string): string {
  const p = path.trim().replace(/\//g, '\\').replace(/\\{2,}/g, '\\').toLowerCase();
  return /^[a-z]:\\$/.test(p) ? p : p.replace(/\\+$/, '');
}

function registryKey(keyPath: string): string {
  const [hive, ...rest] = keyPath.trim().replace(/\\+$/, '').split('\\');
  const full = HIVE_ALIASES[hive.toUpperCase()] ?? hive;
  return [full, ...rest].join('\\').toLowerCase();
}

function findKey<T>(map: Record<string, T>, key: string, normalize: (k: string) => string): T | undefined {
  const hit = Object.keys(map).find((k) => normalize(k) === key);
  return hit === undefined ? undefined : map[hit];
}

/** What the volume with the path's drive letter holds at that path: `file`, `folder`, or undefined. */
function onVolume(view: WmiView, path: string): 'file' | 'folder' | undefined {
  const m = /^\s*([A-Za-z]:)/.exec(path);
  const root = m ? view.volumeRoot(m[1].toUpperCase()) : undefined;
  if (!root) return undefined;
  let segments: string[];
  try {
    segments = splitVolumePath(path);
  } catch {
    return undefined; // wildcards and the like name no single entry
  }
  if (segments.length === 0) return 'folder';
  const hit = findEntry(root, segments);
  const kind = hit === undefined ? undefined : entryKind(hit);
  // A link is neither: what it points to is on the host, not on the simulated machine.
  return kind === 'folder' ? 'folder' : kind === 'file' ? 'file' : undefined;
}

function fileFacts(view: WmiView, os: RunningOs, path: string): FileFacts {
  const entry = findKey(os.files, pathKey(path), pathKey);
  if (entry) return { exists: true, ...entry };
  return onVolume(view, path) === 'file' ? { exists: true } : { exists: false };
}

/**
 * A folder exists when it is on a volume, when listed, when something listed lies below it, or when it is the
 * system drive's root.
 */
function folderFacts(view: WmiView, os: RunningOs, path: string): FileFacts {
  if (onVolume(view, path) === 'folder') return { exists: true };
  const key = pathKey(path);
  const entry = findKey(os.folders, key, pathKey);
  if (entry) return { exists: true, ...entry };
  const prefix = key.endsWith('\\') ? key : `${key}\\`;
  const below = [...Object.keys(os.files), ...Object.keys(os.folders)].some((p) => pathKey(p).startsWith(prefix));
  const isRoot = key === `${os.systemDrive.toLowerCase()}\\` || key === os.systemDrive.toLowerCase();
  return below || isRoot ? { exists: true } : { exists: false };
}

function registryValue(os: RunningOs, keyPath: string, valueName: string): RegistryValue | undefined {
  const values = findKey(os.registry, registryKey(keyPath), registryKey);
  if (!values) return undefined;
  const name = valueName.toLowerCase();
  const hit = Object.keys(values).find((n) => n.toLowerCase() === name);
  return hit === undefined ? undefined : { type: values[hit].type, data: values[hit].data };
}

function queryWmi(view: WmiView, namespace: string, query: string): WmiRow[] {
  if (normalizeWmiNamespace(namespace) !== DEFAULT_WMI_NAMESPACE) {
    throw new UnsupportedQueryError(query, `namespace ${namespace} is not simulated (only root\\cimv2)`);
  }
  return runWql(query, (className) => wmiRows(view, className));
}

/**
 * A probe that answers for the machine as `current()` describes it at the time of each call (so answers follow
 * reboots between WinPE and the installed OS).
 */
export function createSimulatedProbe(current: () => WmiView): MachineProbe {
  const os = () => {
    const v = current();
    return runningOs(v.profile, v.inWinPE, v.installation);
  };
  return {
    queryWmi: (namespace, query) => queryWmi(current(), namespace, query),
    file: (path) => fileFacts(current(), os(), path),
    folder: (path) => folderFacts(current(), os(), path),
    registry: (keyPath, valueName) => registryValue(os(), keyPath, valueName),
    installedProducts: (): InstalledProduct[] => os().installedProducts.map((p) => ({ ...p })),
  };
}
