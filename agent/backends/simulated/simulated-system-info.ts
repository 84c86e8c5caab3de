/** SystemInfoPort of the simulated machine: hardware facts from the profile, environment from the current state. */
import type { EnvironmentFacts, SystemFacts, SystemInfoPort } from '../../../engine/index.ts';
import type { MachineState } from './machine-state.ts';
import type { MachineProfile } from './profile-types.ts';
import { lookupTimeZone } from './time-zones.ts';

const WINPE_DATA_PATH = 'X:\\sms\\data';
const WINPE_LOG_PATH = 'X:\\Windows\\Temp\\SMSTSLog';
const FULL_OS_DATA_PATH = 'C:\\_SMSTaskSequence';
const FULL_OS_LOG_PATH = 'C:\\_SMSTaskSequence\\Logs\\Smstslog';

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

/** Where and how the machine runs now. */
export function environmentFacts(profile: MachineProfile, state: MachineState): EnvironmentFacts {
  const env = state.environment;
  const uefi = profile.firmware.mode === 'UEFI';
  const zone = profile.environment.timeZone ?? 'UTC';
  const timeZone = lookupTimeZone(zone);
  if (!timeZone) throw new Error(`profile ${profile.name}: unknown time zone ${zone}`);
  const facts: EnvironmentFacts = {
    inWinPE: env.inWinPE,
    mediaType: env.mediaType,
    launchMode: env.launchMode,
    firmware: profile.firmware.mode,
    secureBoot: !uefi ? 'NA' : profile.firmware.secureBoot ? 'Enabled' : 'Disabled',
    timeZone,
    dataPath: env.inWinPE ? WINPE_DATA_PATH : FULL_OS_DATA_PATH,
    logPath: env.inWinPE ? WINPE_LOG_PATH : FULL_OS_LOG_PATH,
    machineName: env.machineName,
  };
  if (env.inWinPE && profile.previousWindows) facts.detectedWindows = { ...profile.previousWindows };
  return facts;
}

/** A SystemInfoPort reading the state through `state()` at each call, so it follows reboots. */
export function createSimulatedSystemInfo(profile: MachineProfile, state: () => MachineState): SystemInfoPort {
  return {
    facts: () => systemFacts(profile),
    environment: () => environmentFacts(profile, state()),
  };
}
