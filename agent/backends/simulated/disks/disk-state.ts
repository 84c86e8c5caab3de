/**
 * The persisted model of the simulated machine's storage: disks with their partitions and volumes, optical drives,
 * firmware. The bytes of each partition table live in `<stateDir>/disks/disk<N>.img`; each volume's files live in
 * `<stateDir>/volumes/disk<N>-part<M>/`.
 */
import { join } from 'node:path';
import {
  GIB, MIB, roleHoldsVolume, roleTakesLetter, volumesInOrder, type DiskFacts, type FileSystemKind, type PartitionPlacement,
} from '../../../../engine/index.ts';

/** A partition as the machine keeps it: the engine's placement plus its volume's label and letters. */
export interface PartitionState extends PartitionPlacement {
  /** RAW = not formatted. Extended and MSR partitions hold no volume and stay RAW. */
  fileSystem: FileSystemKind;
  label: string;
  /** `C:`; absent = no drive letter now. */
  letter?: string;
  /** Letter the profile fixes for this volume. */
  fixedLetter?: string;
}

/** The engine's disk facts, with the simulated machine's own partition state (letters, labels kept flat). */
export interface DiskState extends Omit<DiskFacts, 'partitions'> {
  partitions: PartitionState[];
}

export interface BootEntryState {
  description: string;
  disk: number;
  partition: number;
  path: string;
}

export interface FirmwareState {
  mode: 'UEFI' | 'BIOS';
  secureBoot: boolean;
  bootEntries: BootEntryState[];
  /** Set by MBR2GPT or a TSUEFIDrive restart: the firmware switches to this mode at the next restart. */
  pendingMode?: 'UEFI';
}

export interface OpticalDriveState {
  letter: string;
  fixedLetter?: string;
}

export interface StorageState {
  disks: DiskState[];
  opticalDrives: OpticalDriveState[];
  firmware: FirmwareState;
}

/** Whether a partition holds a volume (something that can be formatted and hold files). */
export function holdsVolume(p: PartitionState): boolean {
  return roleHoldsVolume(p.role);
}

/** Whether the boot rules give this partition's volume a drive letter. */
export function takesLetter(p: PartitionState): boolean {
  return roleTakesLetter(p.role);
}

/** `disk0-part3`: the id of a volume, usable instead of a drive letter. */
export function volumeId(disk: number, partition: number): string {
  return `disk${disk}-part${partition}`;
}

export function diskImagePath(stateDir: string, disk: number): string {
  return join(stateDir, 'disks', `disk${disk}.img`);
}

export function volumeFolderPath(stateDir: string, disk: number, partition: number): string {
  return join(stateDir, 'volumes', volumeId(disk, partition));
}

/** `D:` from `d`, `D:`, `d:\`; undefined when it is not a drive letter. */
export function normalizeLetter(text: string): string | undefined {
  const m = /^\s*([A-Za-z])(?::\\?)?\s*$/.exec(text);
  return m ? `${m[1].toUpperCase()}:` : undefined;
}

/** Every volume with its disk, in disk then partition order. */
export function allVolumes(disks: readonly DiskState[]): Array<{ disk: DiskState; partition: PartitionState }> {
  return volumesInOrder(disks);
}

/** `476.3 GB` (binary units, as Windows shows sizes). */
export function renderSize(bytes: number): string {
  if (bytes >= GIB) return `${(bytes / GIB).toFixed(1)} GB`;
  return `${(bytes / MIB).toFixed(1)} MB`;
}
