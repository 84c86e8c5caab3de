/** Public API of the simulated machine backend: machine profiles and a simulated PC behind the engine's ports. */
export type {
  MachineProfile, ProfileEnvironment, ProfileFirmware, ProfileSystem, ProfileCpu, NetworkAdapterProfile,
  PnpDeviceProfile, BatteryProfile, DiskProfile, PartitionProfile, SeedFileProfile, OpticalDriveProfile,
  BootEntryProfile, InstalledOsProfile, WinPEProfile, CommandScript, FileEntry,
  FolderEntry, RegistryEntry, RegistryContent, InstalledProductProfile, BootTarget, FirmwareMode, LaunchMode,
  RegistryType,
} from './profile/profile-types.ts';
export { profileSchema } from './profile/profile-schema.ts';
export { validateProfile, renderProfileProblems, PROFILE_PROBLEM } from './profile/profile-validate.ts';
export { listBuiltinProfiles, loadProfile } from './profile/profile-load.ts';
export { captureLocalProfile } from './profile/profile-capture.ts';
export { knownTimeZones, lookupTimeZone } from './profile/time-zones.ts';
export {
  createSimulatedMachine, checkMachineProfile, REBOOT_MS, type SimulatedMachine, type SimulatedMachineOptions, type SimulatedDiskImage,
} from './machine/simulated-machine.ts';
export {
  SECRET_COMMAND_LINE, NOT_SCRIPTED_EXIT_CODE, type CommandRecord,
} from './machine/simulated-commands.ts';
export { simulatedBackend } from './simulated-backend.ts';
// Facts answered from a profile and a disk view, which the live backends share with the simulated machine.
export { createSimulatedProbe } from './wmi/simulated-probe.ts';
export type { WmiView } from './wmi/wmi-classes.ts';
export { systemFacts } from './wmi/simulated-system-info.ts';
export { defaultMachineName } from './machine/simulated-machine.ts';
export { prepareOutputPath, resolveImagePath } from './imaging/image-path.ts';
export { toInstallation } from './windows/machine-windows-port.ts';
export { newWindowsState } from './windows/windows-state.ts';
export { identityFromImage } from './windows/identity.ts';
export { STATE_FILE_NAME } from './machine/machine-state.ts';
export type { RebootOptions } from './machine/machine-restart.ts';
export type { SimulatedVolumes } from './disks/simulated-volumes.ts';
