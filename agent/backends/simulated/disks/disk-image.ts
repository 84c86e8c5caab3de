/**
 * A simulated disk is a sparse image file: creating one costs no space, and only the sectors written (tables, file
 * system structures) take blocks. Offsets are bytes.
 */
import fs from 'node:fs';
import path from 'node:path';

/**
 * Creates (or replaces with an empty one) a sparse image of `sizeBytes`, creating its folder.
 * @throws Error from node:fs naming the file when it cannot be created
 */
export function createDiskImage(imageFile: string, sizeBytes: number): void {
  fs.mkdirSync(path.dirname(imageFile), { recursive: true });
  const fd = fs.openSync(imageFile, 'w');
  try {
    fs.ftruncateSync(fd, sizeBytes);
  } finally {
    fs.closeSync(fd);
  }
}

/** Writes each chunk at its byte offset (the file grows if a chunk ends past it). */
export function writeImageChunks(imageFile: string, chunks: ReadonlyArray<{ offsetBytes: number; bytes: Uint8Array }>): void {
  const fd = fs.openSync(imageFile, 'r+');
  try {
    for (const c of chunks) writeFully(fd, c.bytes, c.offsetBytes);
  } finally {
    fs.closeSync(fd);
  }
}

function writeFully(fd: number, bytes: Uint8Array, offset: number): void {
  let done = 0;
  while (done < bytes.length) done += fs.writeSync(fd, bytes, done, bytes.length - done, offset + done);
}

/** Reads byte ranges of an image; bytes past the end of the file read as zeros. */
export interface ImageReader {
  sizeBytes: number;
  read(offset: number, length: number): Uint8Array;
}

/**
 * Opens an image for reading for the duration of `use`.
 * @throws Error from node:fs naming the file when it cannot be opened
 */
export function withImageReader<T>(imageFile: string, use: (reader: ImageReader) => T): T {
  const fd = fs.openSync(imageFile, 'r');
  try {
    const sizeBytes = fs.fstatSync(fd).size;
    return use({
      sizeBytes,
      read(offset, length) {
        const bytes = new Uint8Array(length);
        let done = 0;
        while (done < length) {
          const n = fs.readSync(fd, bytes, done, length - done, offset + done);
          if (n === 0) break;
          done += n;
        }
        return bytes;
      },
    });
  } finally {
    fs.closeSync(fd);
  }
}
