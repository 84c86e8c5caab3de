/**
 * Where downloaded batches go: hashed and appended to a file. Batches live in a small fixed pool of shared buffers,
 * so a transfer of any size holds the same memory. For large files a worker thread hashes each batch while the file
 * write runs in libuv's thread pool and the main thread receives the next one: receiving, hashing and writing on one
 * thread ran at about a third of what the network delivers here. Small files are hashed inline, where a worker's
 * start-up would cost more than it saves.
 */
import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';

export interface ByteSink {
  /** Bytes of each batch buffer. */
  readonly batchBytes: number;
  /**
   * A free batch buffer; waits while every buffer is still being hashed or written.
   * @throws the first hashing or writing failure
   */
  acquire(): Promise<Buffer>;
  /**
   * Hashes and appends the first `length` bytes of a buffer from `acquire`; the buffer returns to the pool when both
   * are done. Does not wait: a failure is thrown by the next `acquire` or by `settle`.
   */
  write(batch: Buffer, length: number): void;
  /** Resolves when every batch is hashed and written. @throws the first hashing or writing failure */
  settle(): Promise<void>;
  /** Hex SHA-256 of everything absorbed and written; the hash starts over afterwards. */
  digest(): Promise<string>;
  /** Hashes the file's current bytes first (resuming a partial file). */
  absorbExisting(): Promise<void>;
  close(): Promise<void>;
}

/** Files at least this large are hashed by a worker thread. */
export const WORKER_SINK_BYTES = 16 * 1024 * 1024;
/** Measured on 1 GiB from nginx: 2 MiB batches ran as fast as 4 MiB ones and peaked ~10 MB lower. */
const BATCH_BYTES = 2 * 1024 * 1024;
/** One buffer being filled, one being hashed, one being written, one spare to smooth bursts: 8 MiB in all. */
const WORKER_BATCHES = 4;

/** Fixed buffers over shared memory: posting one to the worker neither copies nor moves it. */
class BatchPool {
  private readonly free: Buffer[];
  private readonly waiters: Array<() => void> = [];
  constructor(count: number, readonly size: number) {
    this.free = Array.from({ length: count }, () => Buffer.from(new SharedArrayBuffer(size)));
  }
  async acquire(): Promise<Buffer> {
    while (this.free.length === 0) await new Promise<void>((r) => this.waiters.push(r));
    return this.free.pop()!;
  }
  release(buffer: Buffer): void {
    this.free.push(buffer);
    this.waiters.shift()?.();
  }
}

/** SHA-256 of a stream of batches, computed on this thread or on a worker. */
interface Hasher {
  update(batch: Buffer, length: number): Promise<void>;
  absorb(path: string): Promise<void>;
  digest(): Promise<string>;
  close(): Promise<void>;
}

function inlineHasher(): Hasher {
  let hash: Hash = createHash('sha256');
  return {
    update: async (batch, length) => { hash.update(batch.subarray(0, length)); },
    async absorb(path) {
      for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
    },
    async digest() {
      const hex = hash.digest('hex');
      hash = createHash('sha256');
      return hex;
    },
    close: async () => {},
  };
}

// CommonJS source for an `eval: true` worker: nothing to resolve, in the sources and in the bundle alike.
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const fs = require('node:fs');
let hash = createHash('sha256');
parentPort.on('message', (m) => {
  try {
    if (m.kind === 'data') {
      hash.update(new Uint8Array(m.memory, 0, m.length));
    } else if (m.kind === 'absorb') {
      const fd = fs.openSync(m.path, 'r');
      const buf = Buffer.allocUnsafe(1 << 20);
      for (let n; (n = fs.readSync(fd, buf, 0, buf.length, null)) > 0;) hash.update(buf.subarray(0, n));
      fs.closeSync(fd);
    } else if (m.kind === 'digest') {
      parentPort.postMessage({ id: m.id, hex: hash.digest('hex') });
      hash = createHash('sha256');
      return;
    }
    parentPort.postMessage({ id: m.id });
  } catch (e) {
    parentPort.postMessage({ id: m.id, error: String((e && e.message) || e) });
  }
});
`;

function workerHasher(): Hasher {
  const worker = new Worker(WORKER_SOURCE, { eval: true });
  const replies = new Map<number, { resolve: (hex?: string) => void; reject: (e: Error) => void }>();
  let next = 0;
  let broken: Error | undefined;
  const failAll = (e: Error): void => {
    broken ??= e;
    for (const r of replies.values()) r.reject(e);
    replies.clear();
  };
  worker.on('error', failAll);
  worker.on('message', (m: { id: number; hex?: string; error?: string }) => {
    const r = replies.get(m.id);
    replies.delete(m.id);
    if (m.error) r?.reject(new Error(m.error));
    else r?.resolve(m.hex);
  });
  const ask = (message: Record<string, unknown>): Promise<string | undefined> => new Promise((resolve, reject) => {
    if (broken) return reject(broken);
    const id = next++;
    replies.set(id, { resolve, reject });
    worker.postMessage({ ...message, id });
  });
  return {
    update: async (batch, length) => { await ask({ kind: 'data', memory: batch.buffer, length }); },
    absorb: async (path) => { await ask({ kind: 'absorb', path }); },
    digest: async () => (await ask({ kind: 'digest' }))!,
    async close() {
      failAll(new Error('the hashing worker was closed'));
      await worker.terminate();
    },
  };
}

/** Appends batches to the file one after another (writes run in libuv's thread pool). */
function appender(path: string): { append(batch: Buffer, length: number): Promise<void>; close(): Promise<void> } {
  let handle: FileHandle | undefined;
  let queue: Promise<unknown> = Promise.resolve();
  return {
    append(batch, length) {
      const done = queue.then(async () => {
        handle ??= await open(path, 'a');
        for (let off = 0; off < length;) off += (await handle.write(batch, off, length - off)).bytesWritten;
      });
      queue = done.catch(() => undefined);
      return done;
    },
    async close() {
      await queue;
      const h = handle;
      handle = undefined;
      await h?.close();
    },
  };
}

function sink(path: string, pool: BatchPool, hasher: Hasher): ByteSink {
  const file = appender(path);
  const inFlight = new Set<Promise<void>>();
  let failure: Error | undefined;
  const check = (): void => {
    if (failure) throw new Error(`cannot write or hash ${path}: ${failure.message}`, { cause: failure });
  };
  const settle = async (): Promise<void> => {
    while (inFlight.size) await Promise.all(inFlight);
    check();
  };
  return {
    batchBytes: pool.size,
    async acquire() {
      check();
      const buffer = await pool.acquire();
      if (failure) pool.release(buffer);
      check();
      return buffer;
    },
    write(batch, length) {
      const done = Promise.all([hasher.update(batch, length), file.append(batch, length)])
        .then(() => undefined, (e: Error) => { failure ??= e; })
        .finally(() => { inFlight.delete(done); pool.release(batch); });
      inFlight.add(done);
    },
    settle,
    async digest() {
      await settle();
      return hasher.digest();
    },
    absorbExisting: () => hasher.absorb(path),
    async close() {
      await Promise.all(inFlight);
      await file.close().catch(() => undefined);
      await hasher.close();
    },
  };
}

/** A sink suited to a file of `size` bytes at `path`. */
export function createByteSink(path: string, size: number): ByteSink {
  if (size >= WORKER_SINK_BYTES) return sink(path, new BatchPool(WORKER_BATCHES, BATCH_BYTES), workerHasher());
  // Small files: two buffers no larger than the file (a 1 KiB file does not reserve 4 MiB).
  return sink(path, new BatchPool(2, Math.min(BATCH_BYTES, Math.max(64 * 1024, size))), inlineHasher());
}
