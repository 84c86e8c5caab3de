/**
 * The Windows that is running right now: the boot image (from `winpe` over built-in defaults) or the installed OS
 * (`os`). Conditions and Win32_OperatingSystem answer from this.
 */
import type { Architecture } from '../../../../engine/index.ts';
import type {
  FileEntry, FolderEntry, InstalledProductProfile, MachineProfile, RegistryContent,
} from '../profile/profile-types.ts';
import type { WindowsState } from '../windows/windows-state.ts';

export interface RunningOs {
  caption: string;
  version: string;
  buildNumber: string;
  osLanguage: number;
  osArchitecture: string;
  productType: number;
  systemDrive: string;
  files: Record<string, FileEntry>;
  folders: Record<string, FolderEntry>;
  registry: RegistryContent;
  installedProducts: InstalledProductProfile[];
}

const PE_BUILT = '2022-05-07T00:00:00Z';

/** What every boot image has, so conditions written for WinPE work without a `winpe` section. */
function winpeDefaults(): Pick<RunningOs, 'files' | 'folders' | 'registry'> {
  const file = { version: '10.0.22621.1', modified: PE_BUILT };
  return {
    files: {
      'X:\\Windows\\System32\\cmd.exe': file,
      'X:\\Windows\\System32\\wpeinit.exe': file,
      'X:\\Windows\\System32\\wpeutil.exe': file,
    },
    folders: { 'X:\\Windows\\Temp\\SMSTSLog': {}, 'X:\\sms\\data': {} },
    registry: {
      // Scripts detect WinPE by this key; a default value makes it visible to value lookups.
      'HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\MiniNT': { '': { type: 'REG_SZ', data: '' } },
    },
  };
}

/** `Win32_OperatingSystem.OSArchitecture` text for an architecture. */
export function osArchitectureText(arch: Architecture): string {
  return arch === 'x86' ? '32-bit' : arch === 'arm64' ? 'ARM 64-bit Processor' : '64-bit';
}

function buildOf(version: string): string {
  return version.split('.')[2] ?? '0';
}

function runningWinPE(profile: MachineProfile): RunningOs {
  const pe = profile.winpe ?? {};
  const defaults = winpeDefaults();
  const version = pe.version ?? '10.0.22621';
  return {
    caption: pe.caption ?? 'Microsoft Windows PE',
    version,
    buildNumber: pe.buildNumber ?? buildOf(version),
    osLanguage: pe.osLanguage ?? profile.os?.osLanguage ?? 1033,
    osArchitecture: osArchitectureText(profile.system.architecture),
    productType: 1,
    systemDrive: 'X:',
    files: { ...defaults.files, ...pe.files },
    folders: { ...defaults.folders, ...pe.folders },
    registry: { ...defaults.registry, ...pe.registry },
    installedProducts: [],
  };
}

/** The installed OS as its settings describe it; the profile's files and registry apply while it is the profile's own. */
function runningInstallation(profile: MachineProfile, w: WindowsState): RunningOs {
  const own = w.profileContent ? profile.os : undefined;
  return {
    caption: w.identity.caption,
    version: w.identity.version,
    buildNumber: w.identity.buildNumber ?? buildOf(w.identity.version),
    osLanguage: w.identity.osLanguage,
    osArchitecture: osArchitectureText(w.identity.architecture as Architecture),
    productType: w.identity.productType,
    systemDrive: profile.os?.systemDrive ?? 'C:',
    files: own?.files ?? {},
    folders: own?.folders ?? {},
    registry: own?.registry ?? {},
    installedProducts: own?.installedProducts ?? [],
  };
}

/**
 * The OS running in the given environment: Windows PE, or the installed Windows from its settings (`installation`),
 * else from the profile's `os`.
 * @throws Error when `inWinPE` is false and neither exists (validation and reboot prevent this).
 */
export function runningOs(profile: MachineProfile, inWinPE: boolean, installation?: WindowsState): RunningOs {
  if (inWinPE) return runningWinPE(profile);
  if (installation) return runningInstallation(profile, installation);
  const os = profile.os;
  if (!os) throw new Error(`profile ${profile.name} has no installed Windows (os)`);
  return {
    caption: os.caption,
    version: os.version,
    buildNumber: os.buildNumber ?? buildOf(os.version),
    osLanguage: os.osLanguage,
    osArchitecture: os.osArchitecture,
    productType: os.productType,
    systemDrive: os.systemDrive,
    files: os.files ?? {},
    folders: os.folders ?? {},
    registry: os.registry ?? {},
    installedProducts: os.installedProducts ?? [],
  };
}
