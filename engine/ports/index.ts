export * from './machine-probe.ts';
export * from './system-info.ts';
export * from './commands.ts';
export * from './content.ts';
export * from './clock.ts';
export * from './journal-store.ts';
export * from './log.ts';
export * from './disks.ts';
export * from './imaging.ts';
export * from './volumes.ts';
export * from './windows.ts';
export * from './user-state.ts';
export * from './drivers.ts';
export * from './progress.ts';

import type { MachineProbe } from './machine-probe.ts';
import type { SystemInfoPort } from './system-info.ts';
import type { CommandsPort } from './commands.ts';
import type { ContentPort } from './content.ts';
import type { ClockPort } from './clock.ts';
import type { DisksPort } from './disks.ts';
import type { ImagingPort } from './imaging.ts';
import type { VolumesPort } from './volumes.ts';
import type { WindowsPort } from './windows.ts';
import type { UserStatePort } from './user-state.ts';
import type { DriversPort } from './drivers.ts';

/** The ports a run is wired with. */
export interface Ports {
  probe: MachineProbe;
  system: SystemInfoPort;
  commands: CommandsPort;
  content: ContentPort;
  clock: ClockPort;
  disks: DisksPort;
  imaging: ImagingPort;
  volumes: VolumesPort;
  windows: WindowsPort;
  userState: UserStatePort;
  drivers: DriversPort;
}

export type PortName = keyof Ports;
export * from './download-retry.ts';
export * from './port-refusal.ts';
export type { MachineCall, MachineJudge } from './machine-call.ts';
export * from './network-shares.ts';
