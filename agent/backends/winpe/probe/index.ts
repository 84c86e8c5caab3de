/** The probe of the Windows backend: the PC's facts from WMI, the registry and the file system. */
export { readWindowsMachine, type ReadWindowsMachineOptions, type WindowsMachine } from './read-windows-machine.ts';
export type { WindowsEnvironment } from './windows-environment.ts';
export { SNAPSHOT_CLASSES } from './wmi-snapshot.ts';
