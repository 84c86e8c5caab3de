/**
 * A download's `.partial` file next to its target. Received chunks are gathered into the byte sink's batch buffers and
 * handed to it to be hashed and appended. When a transfer fails, every byte received so far is still handed over and
 * written before the writer closes, so the file's length, the byte count and the hash always agree and the next
 * attempt resumes exactly where the file ends.
 */
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Writable } from 'node:stream';
import { createByteSink, type ByteSink } from './byte-sink.ts';
import { collectYoungGarbage } from './young-garbage.ts';

export interface PartialFile {
  readonly path: string;
  /** The size the file will have (chooses the sink). */
  readonly size: number;
  /** Bytes in the file (and in the hash). */
  bytes: number;
  sink: ByteSink;
}

/** A write to the local disk failed: retrying the transfer cannot help. */
export class LocalWriteError extends Error {
  constructor(path: string, cause: unknown) {
    super(`cannot write ${path}: ${(cause as Error)?.message ?? cause}`, { cause });
    this.name = 'LocalWriteError';
  }
}

/** Bytes of received chunks the stream queues while a batch buffer is awaited, before it pushes back on the socket. */
const QUEUED_BYTES = 1024 * 1024;

/**
 * Opens `<target>.partial` for a file of `size` bytes: bytes left by an earlier attempt (even of a process that was
 * killed) are hashed first so the download can continue after them.
 */
export async function openPartial(target: string, size: number): Promise<PartialFile> {
  const path = `${target}.partial`;
  mkdirSync(dirname(path), { recursive: true });
  const sink = createByteSink(path, size);
  if (!existsSync(path)) return { path, size, bytes: 0, sink };
  await sink.absorbExisting();
  return { path, size, bytes: statSync(path).size, sink };
}

/** Empties the partial file and starts its hash over (a server that ignored the range, a mismatch). */
export async function resetPartial(p: PartialFile): Promise<void> {
  await p.sink.close();
  await rm(p.path, { force: true });
  p.sink = createByteSink(p.path, p.size);
  p.bytes = 0;
}

export interface WriterOptions {
  /** Most bytes the file may have (the manifest's size). */
  limit: number;
  /** Told the bytes received so far after every chunk (progress, the stall watchdog). */
  onBytes: (received: number) => void;
  onOverflow: () => Error;
}

/** A stream that appends to the partial file through its sink. */
export function partialWriter(p: PartialFile, o: WriterOptions): Writable {
  let batch: Buffer | undefined;
  let fill = 0;
  const local = (e: unknown): never => { throw new LocalWriteError(p.path, e); };
  const flush = (): void => {
    if (!batch || fill === 0) return;
    p.sink.write(batch, fill);
    p.bytes += fill;
    batch = undefined;
    fill = 0;
    collectYoungGarbage();
  };
  const settle = async (): Promise<void> => {
    flush();
    await p.sink.settle().catch(local);
  };
  const take = async (chunk: Buffer): Promise<void> => {
    if (p.bytes + fill + chunk.length > o.limit) throw o.onOverflow();
    for (let off = 0; off < chunk.length;) {
      batch ??= await p.sink.acquire().catch(local);
      const n = chunk.copy(batch, fill, off);
      fill += n;
      off += n;
      if (fill === batch.length) flush();
    }
    o.onBytes(p.bytes + fill);
  };
  return new Writable({
    highWaterMark: QUEUED_BYTES,
    write(chunk: Buffer, _e, cb) { take(chunk).then(() => cb(), cb); },
    final(cb) { settle().then(() => cb(), cb); },
    destroy(err, cb) {
      // A batch still being filled holds bytes that were received: they are kept (the next attempt resumes after them).
      settle().then(() => cb(err), (e) => cb(err ?? e));
    },
  });
}
