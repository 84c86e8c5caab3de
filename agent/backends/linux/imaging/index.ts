/** The Linux live backend's imaging: apply and capture with wimlib-imagex onto NTFS devices, and driver staging. */
export { applyImage } from './apply-image.ts';
export { captureImage } from './capture-image.ts';
export { readBootSector, type BootSectorFacts, type ImagingVolume } from './imaging-volume.ts';
export type { ImagingProgress } from './run-planned.ts';
export { DRIVERS_FOLDER, stageDrivers, type DriverStagingTarget } from './stage-drivers.ts';
