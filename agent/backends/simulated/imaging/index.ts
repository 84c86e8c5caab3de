export { createSimulatedImaging } from './simulated-imaging.ts';
export { BOOT_ENTRY_DESCRIPTION, renderBcdStore } from './boot-files.ts';
export type {
  BiosBootDisk, BootEntry, BootVolume, SimulatedImagingDeps, VolumeInfo,
} from './imaging-deps.ts';
export type { WimlibResult, WimlibRunner } from './wimlib-runner.ts';
