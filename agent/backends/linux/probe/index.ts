/** The Linux live backend's probe: the machine's block devices and firmware, and the engine's disk facts from them. */
export { readBlockDevices } from './read-block-devices.ts';
export { diskFactsFrom } from './disk-facts-from.ts';
export { readFirmware, SECURE_BOOT_VARIABLE, type LinuxFirmware } from './read-firmware.ts';
