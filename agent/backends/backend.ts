/**
 * What a run needs from the machine it deploys, whatever makes the work happen there: the simulated machine today,
 * a Linux live system or Windows PE later. The runner talks to a machine only through these types;
 * `agent/backends/select.ts` is the one place that builds one.
 */
import type { MediaType, PnpDevice, Ports } from '../../engine/index.ts';
import type { PackageDestination } from '../content/package-destination.ts';
import type { ClockReading } from '../media/media-validity.ts';

/** Where a restart goes: the installed OS on the disk, or the boot image. */
export type RestartTarget = 'HD' | 'WinPE';

/** `_SMSTSLaunchMode` values: how the run was started on the machine. */
export type LaunchMode = 'SMS' | 'UFD' | 'UFD+FORMAT' | 'CD' | 'DVD' | 'PXE' | 'HD';

export interface RestartOptions {
  /** `TSUEFIDrive`: letter of a FAT32 volume to stage the boot image on for a switch from BIOS to UEFI. */
  uefiDrive?: string;
}

/** The engine ports a machine implements itself; the run adds content and drivers, which come from its sources. */
export type MachinePorts = Omit<Ports, 'content' | 'drivers'>;

/** A disk of the machine as a file that partition tools read back. */
export interface DiskImage {
  index: number;
  style: 'MBR' | 'GPT' | 'RAW';
  path: string;
}

/** A started machine. */
export interface Backend {
  /** How messages name the machine, e.g. `simulated machine uefi-desktop`. */
  readonly description: string;
  readonly ports: MachinePorts;
  /** Where Download Package Content puts a package on this machine. */
  readonly packageDestination: PackageDestination;
  /** The PnP devices the Drivers port matches drivers to. */
  devices(): PnpDevice[];
  /** Why a restart to `target` would be refused now (as the firmware would refuse it), or undefined. */
  restartRefusal(target: RestartTarget, options?: RestartOptions): string | undefined;
  /**
   * Restarts the machine and saves it; returns what Windows Setup did on the way.
   * @throws TaskseqError when the machine refuses the restart; it is unchanged then
   */
  restart(target: RestartTarget, options?: RestartOptions): Promise<{ setup: string[] }>;
  /** Makes the machine's state durable (a run killed after this resumes from here). */
  save(): void;
  /** The machine's state at the end, in the JSON form two runs can be diffed in. */
  finalState(): unknown;
  /** The machine's disks as image files (a live backend: the target devices). */
  diskImages(): DiskImage[];
  /**
   * Receives the backend's own log lines (the commands a live backend runs, what it could not do); lines from
   * before the run's log existed are handed over first.
   */
  attachLog?(write: (severity: 'info' | 'warning', message: string) => void): void;
  /** Releases what the machine holds on the host (mounts, loop devices); called once at the end of the run. */
  dispose?(): Promise<void>;
}

/** How a run starts the machine. */
export interface BackendStartOptions {
  /** Unscripted commands fail instead of succeeding with a warning (a simulated machine's command table). */
  strictCommands: boolean;
  /** Overrides the machine's media type on a fresh start. */
  mediaType?: MediaType;
  /** Overrides the machine's launch mode on a fresh start. */
  launchMode?: LaunchMode;
  /** Start from scratch: whatever the state folder kept of the machine was thrown away. */
  fresh: boolean;
}

/** A machine chosen for a run and bound to its folder in the state folder, not started yet. */
export interface BackendFactory {
  readonly description: string;
  /** The machine's clock before the run starts it (a media's validity window); `reset`: the saved state is ignored. */
  clockBeforeStart(reset: boolean): ClockReading;
  /**
   * Refuses, before the run writes anything, a machine it must not touch (a live backend: its target disks).
   * @throws InvalidInputError naming each refused disk and why
   */
  checkBeforeStart?(): Promise<void>;
  /**
   * Starts the machine, or resumes it from its saved state.
   * @throws InvalidInputError when the saved state belongs to another machine
   */
  start(options: BackendStartOptions): Promise<Backend>;
}
