/**
 * The Linux backend's boot files: UEFI boot manager files and BCD store on the EFI system partition with the firmware
 * entry, and BIOS boot manager files and BCD store on the active partition with GRUB's boot code in the MBR gap.
 */
export { writeBootFiles, type BootFilesMachine, type BootFilesResult } from './write-boot-files.ts';
export { LOADER_DESCRIPTION, MENU_TIMEOUT_SECONDS, STORE_LOCALE, loaderIdFor } from './boot-store.ts';
export { noEfiVariablesReason, type FirmwareEntryResult } from './firmware-entry.ts';
