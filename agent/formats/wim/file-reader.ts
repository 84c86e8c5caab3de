/**
 * Positioned reads from a file, so that reading a WIM's metadata touches only the header and the XML, never the
 * (possibly many-gigabyte) file data.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { InvalidInputError } from '../../../engine/problems.ts';

/** An open file read by offset. Callers must `close()` it. */
export interface ByteSource {
  path: string;
  /** File size in bytes. */
  size: number;
  /**
   * Reads `length` bytes at `offset`; returns fewer only at the end of the file.
   * @throws Error from the file system on an I/O failure.
   */
  read(offset: number, length: number): Buffer;
  close(): void;
}

/** Opens a byte source: the seam that lets tests count how much of a file is read. */
export type OpenByteSource = (path: string) => ByteSource;

/**
 * Opens `path` for positioned reads.
 * @throws InvalidInputError naming the file when it does not exist or cannot be opened.
 */
export function createFileReader(path: string): ByteSource {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'the file does not exist' : String(error);
    throw new InvalidInputError(`cannot open Windows image ${path}: ${reason}`, [], error);
  }
  const size = fstatSync(fd).size;
  return {
    path,
    size,
    read(offset, length) {
      const wanted = Math.max(0, Math.min(length, size - offset));
      const buffer = Buffer.alloc(wanted);
      let done = 0;
      while (done < wanted) {
        const got = readSync(fd, buffer, done, wanted - done, offset + done);
        if (got === 0) break;
        done += got;
      }
      return done === wanted ? buffer : buffer.subarray(0, done);
    },
    close() {
      closeSync(fd);
    },
  };
}
