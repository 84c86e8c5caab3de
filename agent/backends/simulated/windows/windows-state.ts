/**
 * The settings of a simulated Windows installation. A real installation keeps them in its registry hives; the
 * simulated one keeps them in one JSON file inside the volume (`Windows\System32\config\simulated-state.json`), so
 * they travel with the volume exactly like the hives do: a wipe removes them, a capture takes them into the WIM, an
 * apply brings them back. Passwords are never stored: only whether the Administrator account is enabled.
 */
import { readFileSync } from 'node:fs';
import { InvalidInputError, type AdapterSettings, type ClientState, type DomainMembership } from '../../../../engine/index.ts';
import { findEntry, findFile, findFolder, putFile, splitVolumePath } from '../../host-files/volume-files.ts';
import { entryKind } from '../../host-files/no-follow.ts';

export const WINDOWS_STATE_PATH = 'Windows\\System32\\config\\simulated-state.json';
const FORMAT = 'taskseq-windows-state';

export interface WindowsIdentity {
  caption: string;
  version: string;
  buildNumber?: string;
  editionId?: string;
  /** `x64`, `x86`, `arm64`. */
  architecture: string;
  osLanguage: number;
  productType: number;
}

export interface WindowsLocale {
  inputLocale?: string;
  systemLocale?: string;
  uiLanguage?: string;
  userLocale?: string;
}

/** A user profile of the installation (never a password). */
export interface UserProfileState {
  /** Account name, e.g. `alice`. */
  name: string;
  /** NetBIOS domain of a domain account; absent for a local account. */
  domain?: string;
  /** Inside the volume, e.g. `Users\alice`. */
  profileFolder: string;
  /** Per-user settings (registry values of the user's hive), name -> value. */
  settings: Record<string, string>;
}

export interface WindowsState {
  format: typeof FORMAT;
  formatVersion: 1;
  identity: WindowsIdentity;
  /** `generalized`: the next boot runs Windows Setup (specialize, OOBE); `specialized`: set up and running. */
  phase: 'generalized' | 'specialized';
  computerName?: string;
  registeredOwner?: string;
  registeredOrganization?: string;
  /** Standard name of the time zone, e.g. `Pacific Standard Time`. */
  timeZone: string;
  locale: WindowsLocale;
  membership: DomainMembership;
  administratorEnabled: boolean;
  /** Channel of the product key in the image; OEM keys stop Windows Setup from running SetupComplete.cmd. */
  productKeyChannel?: 'OEM' | 'Retail' | 'Volume';
  configMgrClient: { state: ClientState; packageId?: string; installProperties?: string };
  /** The users' profiles; absent = none known. */
  users?: UserProfileState[];
  /** Adapter settings the installation configured (answer file); absent = the machine's adapters as they are. */
  adapters?: AdapterSettings[];
  /** The installation is the profile's own `os`: its declared files, folders and registry values still apply. */
  profileContent?: boolean;
  /** What Windows Setup and Sysprep did, oldest first (for the final machine state and the tests). */
  history: string[];
}

const STATE_SEGMENTS = splitVolumePath(WINDOWS_STATE_PATH);

/** True when the volume folder holds a Windows installation (a real `Windows\System32` folder, not a link). */
export function holdsWindows(volumeRoot: string): boolean {
  return findFolder(volumeRoot, splitVolumePath('Windows\\System32')) !== undefined;
}

/**
 * The installation's settings, or undefined when the volume holds no state file.
 * @throws InvalidInputError when the file exists but is not a simulated Windows state
 */
export function readWindowsState(volumeRoot: string): WindowsState | undefined {
  const found = findEntry(volumeRoot, STATE_SEGMENTS);
  if (found === undefined) return undefined;
  // An image can put a link where the state file goes; reading through it would read a host file.
  const file = findFile(volumeRoot, STATE_SEGMENTS);
  if (file === undefined) {
    throw new InvalidInputError(`${WINDOWS_STATE_PATH} is a ${entryKind(found) === 'link' ? 'symbolic link' : 'folder'}, not a simulated Windows state file`);
  }
  let data: WindowsState;
  try {
    data = JSON.parse(readFileSync(file, 'utf8')) as WindowsState;
  } catch (e) {
    throw new InvalidInputError(`${file}: the simulated Windows state cannot be read: ${(e as Error).message}`, [], e);
  }
  if (data?.format !== FORMAT || data.formatVersion !== 1 || typeof data.identity?.caption !== 'string') {
    throw new InvalidInputError(`${file}: not a simulated Windows state (format ${FORMAT}, version 1)`);
  }
  return data;
}

/**
 * Writes the state file, creating its folders.
 * @throws TaskseqError('unsupported') when a symbolic link is on the way (see paths/no-follow.ts)
 */
export function writeWindowsState(volumeRoot: string, state: WindowsState): void {
  putFile(volumeRoot, STATE_SEGMENTS, { content: JSON.stringify(state, null, 2) + '\n' });
}

/** A fresh installation as a stock install image holds it: generalized, no name, in a workgroup. */
export function newWindowsState(identity: WindowsIdentity, timeZone = 'Pacific Standard Time'): WindowsState {
  return {
    format: FORMAT, formatVersion: 1, identity, phase: 'generalized', timeZone, locale: {},
    membership: { kind: 'workgroup', name: 'WORKGROUP' }, administratorEnabled: false,
    configMgrClient: { state: 'absent' }, history: [],
  };
}
