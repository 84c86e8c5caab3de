/** What the simulated imaging backend needs from the machine (the machine wires these to its storage). */
import type { Architecture, FileSystemKind } from '../../../../engine/index.ts';
import type { ImagePlaces } from './image-path.ts';
import type { WimlibRunner } from './wimlib-runner.ts';

export interface VolumeInfo {
  fileSystem: FileSystemKind;
  sizeBytes: number;
  /** Bytes of the files on it now. */
  usedBytes: number;
}

/** A volume that boot files go to, with where it sits (for the firmware's boot entry). */
export interface BootVolume {
  /** Host folder of the volume's files. */
  root: string;
  disk: number;
  partition: number;
  fileSystem: FileSystemKind;
  /** `S:` when it has a drive letter now. */
  letter?: string;
}

/** The disk BIOS firmware starts from (the first fixed disk) and its active partition, if any. */
export interface BiosBootDisk {
  disk: number;
  active?: BootVolume;
}

/** A UEFI boot entry, in the shape of the machine's firmware state. */
export interface BootEntry {
  description: string;
  disk: number;
  partition: number;
  /** Path of the loader on that partition, `EFI\Microsoft\Boot\bootmgfw.efi`. */
  path: string;
}

export interface SimulatedImagingDeps extends ImagePlaces {
  volumeInfo(letter: string): VolumeInfo | undefined;
  /** The machine's processor architecture (picks the UEFI fallback loader's name). */
  architecture: Architecture;
  /** The EFI system partition the firmware uses (first GPT disk with one), if any. */
  espFor(): BootVolume | undefined;
  /** The disk BIOS firmware starts from, undefined when the machine has no fixed disk. */
  bootDisk(): BiosBootDisk | undefined;
  /**
   * Records the "Windows Boot Manager" entry after UEFI boot files were written. The machine should put it first in
   * the boot order and drop an older entry for the same disk, partition and path.
   */
  addBootEntry(entry: BootEntry): void;
  /** Injectable for tests of failures; defaults to the real tool. */
  runWimlib?: WimlibRunner;
}
