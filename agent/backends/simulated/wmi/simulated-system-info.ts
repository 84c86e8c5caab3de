/** SystemInfoPort of the simulated machine: hardware facts from the profile, environment from the current state. */
import type { EnvironmentFacts, SystemFacts, SystemInfoPort } from '../../../../engine/index.ts';
import { clientCachePath, detectedWindows, stateLocation } from '../disks/disk-environment.ts';
import type { MachineState } from '../machine/machine-state.ts';
import type { MachineProfile } from '../profile/profile-types.ts';
import { lookupTimeZone } from '../profile/time-zones.ts';
import type { WindowsState } from '../windows/windows-state.ts';


/** Hardware facts as Set Dynamic Variables reports them: network facts come from IP-enabled adapters. */
export function systemFacts(profile: MachineProfile): SystemFacts {
  const s = profile.system;
  const up = (profile.network?.adapters ?? []).filter((a) => a.ipEnabled ?? true);
  const facts: SystemFacts = {
    make: s.make, model: s.model, serialNumber: s.serialNumber, uuid: s.uuid.replace(/[{}]/g, '').toUpperCase(),
    memoryMB: s.memoryMB,
    cpu: { name: s.cpu.name, speedMHz: s.cpu.speedMHz, cores: s.cpu.cores },
    architecture: s.architecture,
    macAddresses: up.map((a) => a.macAddress.toUpperCase().replace(/-/g, ':')),
    ipAddresses: up.flatMap((a) => a.ipAddresses ?? []),
    defaultGateways: up.flatMap((a) => a.gateways ?? []),
  };
  if (s.assetTag !== undefined) facts.assetTag = s.assetTag;
  if (s.chassisTypes !== undefined) facts.chassisTypes = [...s.chassisTypes];
  return facts;
}

/** The installed OS's system drive (`C:` without one). */
export function systemDriveOf(profile: MachineProfile): string {
  return (profile.os?.systemDrive ?? 'C:').toUpperCase();
}

/** Where and how the machine runs now: firmware from the saved state, paths and found Windows from the disks. */
export function environmentFacts(profile: MachineProfile, state: MachineState, stateDir: string, installation?: WindowsState): EnvironmentFacts {
  const env = state.environment;
  const firmware = state.storage.firmware;
  const uefi = firmware.mode === 'UEFI';
  // The installed Windows keeps its own time zone; Windows PE runs in the one the profile gives.
  const zone = (!env.inWinPE && installation?.timeZone) || (profile.environment.timeZone ?? 'UTC');
  const timeZone = lookupTimeZone(zone);
  if (!timeZone) throw new Error(`profile ${profile.name}: unknown time zone ${zone}`);
  const view = { stateDir, storage: state.storage, inWinPE: env.inWinPE, systemDrive: systemDriveOf(profile) };
  const where = stateLocation(view);
  const facts: EnvironmentFacts = {
    inWinPE: env.inWinPE,
    mediaType: env.mediaType,
    launchMode: env.launchMode,
    firmware: firmware.mode,
    secureBoot: !uefi ? 'NA' : firmware.secureBoot ? 'Enabled' : 'Disabled',
    timeZone,
    dataPath: where.path,
    logPath: where.logPath,
    machineName: env.machineName,
  };
  const found = detectedWindows(view);
  if (found) facts.detectedWindows = found;
  // The ConfigMgr client (and so its cache) runs only in the full OS; a run started from Windows PE has none. The
  // engine keeps the value a run started with across restarts.
  const cache = env.inWinPE ? undefined : clientCachePath(view);
  if (cache) facts.clientCache = cache;
  return facts;
}

/** A SystemInfoPort reading the state through `state()` at each call, so it follows reboots and disk changes. */
export function createSimulatedSystemInfo(
  profile: MachineProfile, state: () => MachineState, stateDir: string, installation?: () => WindowsState | undefined,
): SystemInfoPort {
  return {
    facts: () => systemFacts(profile),
    environment: () => environmentFacts(profile, state(), stateDir, state().environment.inWinPE ? undefined : installation?.()),
  };
}
