/**
 * What the engine knows of a PC a live backend runs on (the Linux live system, Windows PE): its hardware and network
 * facts from the profile captured on it (`--machine local`), its firmware as the backend read it, and the target
 * disks as they are now. The boot environment is Windows PE to the sequence (`_SMSTSInWinPE` is true: its boot-image
 * branch runs here), so WMI, file and registry conditions are answered as in Windows PE, from the same facts model
 * the simulated machine uses.
 */
import type { DiskFacts, EnvironmentFacts, MachineProbe, MediaType, SystemInfoPort } from '../../../engine/index.ts';
import type { LaunchMode } from '../backend.ts';
import { findFolder } from '../host-files/volume-files.ts';
import {
  createSimulatedProbe, defaultMachineName, lookupTimeZone, systemFacts, type MachineProfile,
} from '../simulated/index.ts';

/** The firmware the machine booted with, as the backend read it. */
export interface LiveFirmware {
  mode: EnvironmentFacts['firmware'];
  /** Secure Boot enforcing; always false on BIOS. */
  secureBoot: boolean;
}

/** The live machine as the facts read it at each call. */
export interface LiveMachineView {
  profile: MachineProfile;
  firmware: LiveFirmware;
  /** The run's state folder on the machine (a path of its host): where the engine keeps its data and logs. */
  stateDir: string;
  mediaType: MediaType;
  launchMode: LaunchMode;
  /** The disks the run may touch, numbered as the sequence sees them, as they are now. */
  disks(): DiskFacts[];
  /** Host folder of the mounted volume with this letter (`C:`), or undefined. */
  volumeRoot(letter: string): string | undefined;
}

/** The SystemInfo port: hardware from the profile, environment from the live system. */
export function liveSystemInfo(view: LiveMachineView): SystemInfoPort {
  return { facts: () => systemFacts(view.profile), environment: () => liveEnvironment(view) };
}

/** The probe: WMI classes, files, registry and products answered as in Windows PE over the live disks. */
export function liveProbe(view: LiveMachineView): MachineProbe {
  const machineName = machineNameOf(view.profile);
  return createSimulatedProbe(() => ({
    profile: view.profile, inWinPE: true, machineName, disks: view.disks(), opticalDrives: [],
    volumeRoot: (letter) => view.volumeRoot(letter),
  }));
}

function machineNameOf(profile: MachineProfile): string {
  return profile.environment.machineName ?? defaultMachineName(profile);
}

/**
 * Where and how the agent runs now. `detectedWindows` is a mounted volume that holds `Windows\System32`, as
 * Windows PE would find it; the data and log paths are the state folder's (host paths, said as they are).
 * @throws Error for a profile time zone the project does not know (profiles are validated before this)
 */
export function liveEnvironment(view: LiveMachineView): EnvironmentFacts {
  const zone = view.profile.environment.timeZone ?? 'UTC';
  const timeZone = lookupTimeZone(zone);
  if (!timeZone) throw new Error(`profile ${view.profile.name}: unknown time zone ${zone}`);
  const uefi = view.firmware.mode === 'UEFI';
  const facts: EnvironmentFacts = {
    inWinPE: true, mediaType: view.mediaType, launchMode: view.launchMode, firmware: view.firmware.mode,
    secureBoot: !uefi ? 'NA' : view.firmware.secureBoot ? 'Enabled' : 'Disabled', timeZone,
    dataPath: view.stateDir, logPath: view.stateDir, machineName: machineNameOf(view.profile),
  };
  const windows = detectWindows(view);
  if (windows) facts.detectedWindows = windows;
  return facts;
}

function detectWindows(view: LiveMachineView): EnvironmentFacts['detectedWindows'] {
  for (const disk of view.disks()) {
    for (const p of disk.partitions) {
      const letter = p.volume?.letter;
      if (!letter || p.volume?.fileSystem !== 'NTFS') continue;
      const root = view.volumeRoot(letter);
      if (root && findFolder(root, ['Windows', 'System32'])) return { winDir: `${letter}\\Windows`, drive: letter };
    }
  }
  return undefined;
}
