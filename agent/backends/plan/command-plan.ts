/**
 * What a live backend does for each port call that changes the machine, as data: the programs it runs (argv and
 * standard input), the work it does in its own code (file copies, the answer file) and what it refuses. A backend's
 * planner is pure; `taskseq plan` prints its actions under each step before anything is touched.
 */
import { TaskseqError } from '../../../engine/index.ts';
import type {
  AddDriversRequest, ApplyImageRequest, BootFilesRequest, CaptureImageRequest, CaptureUserStateRequest,
  Architecture, CommandRequest, DiskFacts, GeneralizeRequest, PartitionFacts, PartitionLayout, RestoreUserStateRequest,
} from '../../../engine/index.ts';

/** A program the backend runs (never through a shell). */
export interface PlannedCommand {
  kind: 'command';
  argv: readonly string[];
  /** Text the program reads: its standard input, or the script file its argv names (sfdisk, diskpart). */
  input?: string;
  /** A Windows command line passed to the process as written (Run Command Line), instead of one built from argv. */
  line?: string;
}

/** Work the backend does in its own code rather than through a program. */
export interface PlannedWork {
  kind: 'work';
  description: string;
}

/** A port call this backend refuses; the step fails with this message. */
export interface PlannedRefusal {
  kind: 'refused';
  reason: string;
}

export type PlannedAction = PlannedCommand | PlannedWork | PlannedRefusal;

/** A volume as the commands address it: its letter in the sequence and where it is. */
export interface VolumeLocation {
  letter: string;
  disk: DiskFacts;
  partition: PartitionFacts;
}

/** How the backend's commands name devices (real paths live, stand-ins such as `<disk 0>` in a plan). */
export interface DeviceNames {
  disk(disk: DiskFacts): string;
  partition(disk: DiskFacts, partition: Pick<PartitionFacts, 'number' | 'offsetBytes' | 'sizeBytes'>): string;
}

/** The machine as it is when the call is made, for the planner to find volumes and system partitions in. */
export interface PlanMachine {
  disks: readonly DiskFacts[];
  /** The volume with this drive letter (`C:` or `C`); undefined when none has it. */
  volume(letter: string): VolumeLocation | undefined;
  architecture: Architecture;
}

/**
 * One backend's actions for each changing port call. Every method is pure and may be called for a plan only.
 * @throws TaskseqError('invalid-input') for a value no command line can carry (a NUL character, a bad letter)
 */
export interface CommandPlanner {
  /** `applied`: drive letters the layout got (as the Disks port reported them). */
  partitionDisk(layout: PartitionLayout, disk: DiskFacts, applied: ReadonlyMap<number, string>): PlannedAction[];
  applyImage(request: ApplyImageRequest, parts: readonly string[], machine: PlanMachine): PlannedAction[];
  captureImage(request: CaptureImageRequest, machine: PlanMachine): PlannedAction[];
  writeBootFiles(request: BootFilesRequest, machine: PlanMachine): PlannedAction[];
  addDrivers(request: AddDriversRequest, machine: PlanMachine): PlannedAction[];
  runCommand(request: CommandRequest): PlannedAction[];
  generalize(request: GeneralizeRequest, windowsDir: string, machine: PlanMachine): PlannedAction[];
  captureUserState(request: CaptureUserStateRequest): PlannedAction[];
  restoreUserState(request: RestoreUserStateRequest): PlannedAction[];
  /** A restart into the installed Windows (`HD`) or the boot image, from the boot image or from Windows. */
  restart(target: 'HD' | 'WinPE', fromBootImage: boolean): PlannedAction[];
}

/** `c`, `c:`, `C:\` -> `C:`: a volume's drive letter however a request writes it; undefined for anything else. */
export function driveLetter(value: string): string | undefined {
  const m = /^([A-Za-z]):?\\?$/.exec(value.trim());
  return m ? `${m[1]!.toUpperCase()}:` : undefined;
}

/**
 * {@link driveLetter}, for a value that must be one.
 * @throws TaskseqError('invalid-input') for what is not one drive letter
 */
export function requireDriveLetter(value: string): string {
  const drive = driveLetter(value);
  if (!drive) throw new TaskseqError('invalid-input', `not a drive letter: ${value}`);
  return drive;
}

/** `C:\x` or `C:` -> `C:`; undefined when the path does not start with a drive letter. */
export function driveOf(path: string): string | undefined {
  const m = /^([A-Za-z]):/.exec(path.trim());
  return m ? `${m[1].toUpperCase()}:` : undefined;
}

/** A refusal action. */
export const refused = (reason: string): PlannedRefusal => ({ kind: 'refused', reason });
/** A program to run. */
export const command = (argv: readonly string[], input?: string): PlannedCommand => ({ kind: 'command', argv, ...(input !== undefined ? { input } : {}) });
/** Work done in the backend's own code. */
export const work = (description: string): PlannedWork => ({ kind: 'work', description });

/** The machine as a planner sees it: `disks` as they are now, volumes found by their drive letter. */
export function planMachine(disks: readonly DiskFacts[], architecture: Architecture): PlanMachine {
  return { disks, architecture, volume: (letter) => volumeByLetter(disks, letter) };
}

/** The volume with this drive letter (`C`, `C:`, `C:\` or a path on it), with its disk; undefined when none has it. */
export function volumeByLetter(disks: readonly DiskFacts[], letter: string): VolumeLocation | undefined {
  const want = driveLetter(letter) ?? driveOf(letter);
  if (!want) return undefined;
  for (const disk of disks) {
    const partition = disk.partitions.find((x) => x.volume?.letter && driveLetter(x.volume.letter) === want);
    if (partition) return { letter: want, disk, partition };
  }
  return undefined;
}

