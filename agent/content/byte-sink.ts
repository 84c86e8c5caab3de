/**
 * Where downloaded batches go: hashed and appended to a file. Receiving, writing and hashing a large file on one
 * thread runs at about a third of what the network delivers here, so for large files a worker thread does both the
 * hashing and the writing and the main thread only receives and hands over batches (transferred, not copied). Small
 * files are handled inline, where a worker's start-up would cost more than it saves.
 */
import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';

export interface ByteSink {
  /** Hashes and appends a batch (the sink owns it afterwards); resolves when there is room for the next one. */
  write(batch: Buffer): Promise<void>;
  /** Resolves when every batch is written. @throws when a write failed */
  settle(): Promise<void>;
  /** Hex SHA-256 of everything absorbed and written; the hash starts over afterwards. */
  digest(): Promise<string>;
  /** Hashes the file's current bytes first (resuming a partial file). */
  absorbExisting(): Promise<void>;
  close(): Promise<void>;
}

/** Files at least this large go through a worker thread. */
export const WORKER_SINK_BYTES = 16 * 1024 * 1024;
/** Bytes handed to the worker and not yet written before `write` waits. */
const MAX_PENDING = 16 * 1024 * 1024;

function inlineSink(path: string): ByteSink {
  let hash: Hash = createHash('sha256');
  let handle: FileHandle | undefined;
  return {
    async write(batch) {
      hash.update(batch);
      handle ??= await open(path, 'a');
      for (let off = 0; off < batch.length;) off += (await handle.write(batch, off, batch.length - off)).bytesWritten;
    },
    settle: async () => {},
    async digest() {
      const hex = hash.digest('hex');
      hash = createHash('sha256');
      return hex;
    },
    async absorbExisting() {
      for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
    },
    async close() {
      const h = handle;
      handle = undefined;
      await h?.close();
    },
  };
}

// CommonJS source for an `eval: true` worker: nothing to resolve, in the sources and in the bundle alike.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const fs = require('node:fs');
let hash = createHash('sha256');
let fd;
parentPort.on('message', (m) => {
  try {
    if (m.kind === 'data') {
      const b = Buffer.from(m.data, 0, m.length);
      hash.update(b);
      if (fd === undefined) fd = fs.openSync(workerData.path, 'a');
      for (let off = 0; off < b.length;) off += fs.writeSync(fd, b, off, b.length - off);
      parentPort.postMessage({ kind: 'ack', n: b.length });
    } else if (m.kind === 'absorb') {
      const rfd = fs.openSync(workerData.path, 'r');
      const buf = Buffer.allocUnsafe(1 << 20);
      for (let n; (n = fs.readSync(rfd, buf, 0, buf.length, null)) > 0;) hash.update(buf.subarray(0, n));
      fs.closeSync(rfd);
      parentPort.postMessage({ kind: 'absorbed' });
    } else if (m.kind === 'digest') {
      parentPort.postMessage({ kind: 'digest', hex: hash.digest('hex') });
      hash = createHash('sha256');
    } else if (m.kind === 'close') {
      if (fd !== undefined) fs.closeSync(fd);
      fd = undefined;
      parentPort.postMessage({ kind: 'closed' });
    }
  } catch (e) {
    parentPort.postMessage({ kind: 'error', message: String((e && e.message) || e) });
  }
});
`;

function workerSink(path: string): ByteSink {
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { path } });
  let pending = 0;
  let closed = false;
  let failure: Error | undefined;
  const waiters: Array<() => void> = [];
  const wake = (): void => { for (const w of waiters.splice(0)) w(); };
  worker.on('error', (e) => { failure ??= new Error(`cannot write or hash ${path}: ${e.message}`); wake(); });
  worker.on('message', (m: { kind: string; n?: number; message?: string }) => {
    if (m.kind === 'ack') pending -= m.n!;
    if (m.kind === 'error') failure ??= new Error(`cannot write or hash ${path}: ${m.message}`);
    wake();
  });
  const until = async (ready: () => boolean): Promise<void> => {
    while (!ready() && !failure) await new Promise<void>((r) => waiters.push(r));
    if (failure) throw failure;
  };
  const ask = (kind: string, answer: string) => new Promise<{ hex?: string }>((resolve, reject) => {
    const on = (m: { kind: string; hex?: string; message?: string }) => {
      if (m.kind !== answer && m.kind !== 'error') return;
      worker.off('message', on);
      if (m.kind === 'error') reject(failure ?? new Error(String(m.message)));
      else resolve(m);
    };
    worker.on('message', on);
    worker.postMessage({ kind });
  });
  return {
    async write(batch) {
      if (failure) throw failure;
      pending += batch.length;
      // The batch's memory moves to the worker: no copy on this thread.
      const ab = batch.buffer.byteLength === batch.length && batch.byteOffset === 0 ? batch.buffer : batch.buffer.slice(batch.byteOffset, batch.byteOffset + batch.length);
      worker.postMessage({ kind: 'data', data: ab, length: batch.length }, [ab as ArrayBuffer]);
      await until(() => pending <= MAX_PENDING);
    },
    settle: () => until(() => pending === 0),
    digest: async () => (await ask('digest', 'digest')).hex!,
    absorbExisting: async () => { await ask('absorb', 'absorbed'); },
    async close() {
      if (closed) return;
      closed = true;
      await ask('close', 'closed').catch(() => undefined);
      await worker.terminate();
    },
  };
}

/** A sink suited to a file of `size` bytes at `path`. */
export function createByteSink(path: string, size: number): ByteSink {
  return size >= WORKER_SINK_BYTES ? workerSink(path) : inlineSink(path);
}
