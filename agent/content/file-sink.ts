/**
 * Where a download's bytes go: a `.partial` file next to the target, hashed as it is written. The hash and the byte
 * count only ever cover bytes that reached the file, so a dropped connection can resume exactly where the file ends.
 */
import { createHash, type Hash } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, statSync } from 'node:fs';
import { open, rm, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export interface PartialFile {
  readonly path: string;
  /** Bytes in the file (and in the hash). */
  bytes: number;
  hash: Hash;
}

/**
 * Opens `<target>.partial`: bytes left by an earlier attempt (even of a process that was killed) are hashed first so
 * the download can continue after them.
 */
export async function openPartial(target: string): Promise<PartialFile> {
  const path = `${target}.partial`;
  mkdirSync(dirname(path), { recursive: true });
  const hash = createHash('sha256');
  if (!existsSync(path)) return { path, bytes: 0, hash };
  await pipeline(createReadStream(path, { highWaterMark: 1 << 20 }), new Writable({
    write(chunk: Buffer, _e, cb) { hash.update(chunk); cb(); },
  }));
  return { path, bytes: statSync(path).size, hash };
}

/** Empties the partial file and its hash (a server that ignored the range, a mismatch). */
export async function resetPartial(p: PartialFile): Promise<void> {
  await rm(p.path, { force: true });
  p.bytes = 0;
  p.hash = createHash('sha256');
}

/**
 * A stream that appends to the partial file. Each batch is written before it is hashed and counted; `onBytes` is told
 * of every batch (progress and the stall watchdog), `limit` stops a body larger than the manifest says.
 */
export function partialWriter(p: PartialFile, options: { limit: number; onBytes: (n: number) => void; onOverflow: () => Error }): Writable {
  let handle: FileHandle | undefined;
  const append = async (data: Buffer): Promise<void> => {
    if (p.bytes + data.length > options.limit) throw options.onOverflow();
    handle ??= await open(p.path, 'a');
    let off = 0;
    while (off < data.length) off += (await handle.write(data, off, data.length - off)).bytesWritten;
    p.hash.update(data);
    p.bytes += data.length;
    options.onBytes(data.length);
  };
  const close = async (): Promise<void> => {
    const h = handle;
    handle = undefined;
    await h?.close();
  };
  return new Writable({
    highWaterMark: 4 << 20,
    write(chunk: Buffer, _e, cb) { append(chunk).then(() => cb(), cb); },
    writev(chunks, cb) { append(Buffer.concat(chunks.map((c) => c.chunk as Buffer))).then(() => cb(), cb); },
    final(cb) { close().then(() => cb(), cb); },
    destroy(err, cb) { close().then(() => cb(err), () => cb(err)); },
  });
}
