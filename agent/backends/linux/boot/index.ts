/** The Linux backend's boot files: UEFI boot manager files and BCD store on the EFI system partition, and the firmware entry. */
export {
  LOADER_DESCRIPTION, MENU_TIMEOUT_SECONDS, STORE_LOCALE, loaderIdFor, writeBootFiles, type BootFilesMachine, type BootFilesResult,
} from './write-boot-files.ts';
export { noEfiVariablesReason, type FirmwareEntryResult } from './firmware-entry.ts';
