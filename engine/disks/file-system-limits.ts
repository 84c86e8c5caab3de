/** File-system size limits the engine knows (pure): what Windows formats and what a file system can hold. */
import type { FileSystemKind } from '../ports/disks.ts';
import { GIB } from './geometry.ts';

/** Windows' format tool refuses FAT32 volumes above 32 GiB (the file system itself could be larger). */
export const FAT32_MAX_VOLUME_BYTES = 32 * GIB;
/** FAT32 stores file sizes in 32 bits: a file of this size or more does not fit. */
export const FAT32_FILE_LIMIT_BYTES = 4 * GIB;

/** Whether Windows would refuse to format a volume of this file system and size. */
export function exceedsVolumeLimit(fileSystem: FileSystemKind | undefined, sizeBytes: number): boolean {
  return fileSystem === 'FAT32' && sizeBytes > FAT32_MAX_VOLUME_BYTES;
}

/** Whether a file of this size cannot be stored on this file system. */
export function exceedsFileLimit(fileSystem: FileSystemKind | undefined, sizeBytes: number): boolean {
  return fileSystem === 'FAT32' && sizeBytes >= FAT32_FILE_LIMIT_BYTES;
}
