/**
 * Windows images (WIM): what a file holds, applying an image to a volume, capturing a volume, and writing the boot
 * files for the firmware (the bcdboot equivalent). Volumes are addressed by drive letter (`C:`); a WIM path is on a
 * volume (`D:\x.wim`), on a connected network share (`\\server\share\x.wim`) or in the run's content. Sizes in bytes.
 */

import type { ProgressCallback } from './progress.ts';

export type WimCompression = 'none' | 'xpress' | 'lzx' | 'lzms';

/** One image of a WIM, from its XML metadata. */
export interface ImageFacts {
  index: number;
  name: string;
  description?: string;
  /** `Professional`, `Enterprise`, ... */
  editionId?: string;
  /** `x86` | `x64` | `arm64` (from the metadata's ARCH: 0, 9, 12), or the raw value when unknown. */
  architecture: string;
  /** `10.0.22631.2861` style: MAJOR.MINOR.BUILD.SPBUILD when present. */
  version?: string;
  languages: string[];
  directoryCount: number;
  fileCount: number;
  /** Uncompressed size of the image's files. */
  totalBytes: number;
}

/** A WIM file (or a split set given by its first `.swm` part). */
export interface WimFacts {
  path: string;
  /** The set's GUID (same in every part of a split set). */
  guid: string;
  compression: WimCompression;
  /** Part number and count (1 of 1 for a plain WIM). */
  partNumber: number;
  totalParts: number;
  /** Every part of a split set, in order (just `path` for a plain WIM). */
  parts: string[];
  hasIntegrityTable: boolean;
  bootIndex: number;
  images: ImageFacts[];
}

export interface ApplyImageRequest {
  /** The `.wim` or the first `.swm` of a split set. */
  path: string;
  index: number;
  /** Drive letter of the target volume, e.g. `C:`. */
  target: string;
  checkIntegrity?: boolean;
  /** Told how far the apply has got, when the backend can measure it. */
  onProgress?: ProgressCallback;
}

export interface CaptureImageRequest {
  /** Drive letter of the volume to capture. */
  source: string;
  /** The `.wim` to create or append to. */
  path: string;
  /** `append` adds an image to an existing WIM; `create` writes a new file (an existing one is replaced). */
  mode: 'append' | 'create';
  name: string;
  description?: string;
  /** Stored in the image's metadata (ConfigMgr's "created by"). */
  creator?: string;
  version?: string;
  compression?: Exclude<WimCompression, 'lzms'>;
  checkIntegrity?: boolean;
  /** Told how far the capture has got, when the backend can measure it. */
  onProgress?: ProgressCallback;
}

export interface BootFilesRequest {
  /** The Windows folder of the applied OS, e.g. `C:\Windows`. */
  windowsPath: string;
  /** `UEFI` writes to the EFI system partition, `BIOS` to the active system partition, `ALL` both. */
  firmware: 'UEFI' | 'BIOS' | 'ALL';
  /** The system partition's letter when it has one (bcdboot `/s`). */
  systemDrive?: string;
}

export interface AddDriversRequest {
  /** Drive letter of the offline (applied, not running) Windows, e.g. `C:`. */
  target: string;
  /** Driver folders or `.inf` files, as the Drivers port names them. */
  paths: string[];
  /** Also take INFs in subfolders of a folder path (DISM `/Recurse`). */
  recurse: boolean;
  /** Stage drivers that have no catalog file (DISM `/ForceUnsigned`). */
  forceUnsigned: boolean;
  /** Further DISM arguments from the sequence (`OSDInstallDriversAdditionalOptions`); the simulated backend records none. */
  additionalOptions?: string;
}

/** What staging did with each INF it found. */
export interface AddDriversResult {
  /** INFs staged, with the driver store folder they went to (path on the target volume). */
  added: Array<{ inf: string; storeFolder: string }>;
  /** INFs left out and why (unsigned without `forceUnsigned`, malformed, wrong architecture). */
  rejected: Array<{ inf: string; reason: string }>;
}

export interface ImagingPort {
  /**
   * What a WIM holds.
   * @throws TaskseqError('invalid-input') for a non-WIM, truncated or damaged file or a missing split part (named).
   */
  inspect(path: string): WimFacts;
  /**
   * Applies image `index` to the target volume (which the caller has prepared).
   * @throws TaskseqError('invalid-input') for an index out of range (listing the images);
   *   TaskseqError('unsupported') for an image the backend cannot apply (e.g. LZMS/ESD) or a volume that is too small.
   */
  apply(request: ApplyImageRequest): Promise<{ files: number; bytes: number }>;
  /** Captures a volume into a WIM image; returns the new image's index. */
  capture(request: CaptureImageRequest): Promise<{ index: number }>;
  /**
   * The network shares this machine reaches (`\\server\share`, as the run connected them; empty when none): a WIM
   * path on one of them (`\\server\share\x.wim`) may be captured to, inspected and applied from.
   */
  connectedShares(): string[];
  /** Writes the boot manager and its configuration so the firmware can boot the applied OS (a live backend runs tools). */
  writeBootFiles(request: BootFilesRequest): Promise<void>;
  /**
   * Stages drivers into the offline Windows on `target` (its driver store), as DISM `/Image:<target>\ /Add-Driver` does.
   * @throws TaskseqError('unsupported') when the target holds no Windows; TaskseqError('invalid-input') for a path
   *   that does not exist
   */
  addDrivers(request: AddDriversRequest): Promise<AddDriversResult>;
}
