/**
 * One file from one deployment source: streamed to disk, hashed while it streams, resumed with an HTTP Range after a
 * dropped connection or a stall, retried per `SMSTSDownloadRetryCount`/`SMSTSDownloadRetryDelay`, and re-downloaded
 * once from the start when the finished bytes do not match the manifest's SHA-256.
 */
import { rename } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import type { Readable } from 'node:stream';
import { finished, pipeline } from 'node:stream/promises';
import type { AxiosInstance } from 'axios';
import pRetry from 'p-retry';
import {
  ContentMismatchError, HttpStatusError, isRetryable, RangeRefusedError, StallError, TruncatedError,
} from './download-errors.ts';
import { openPartial, partialWriter, resetPartial, type PartialFile } from './file-sink.ts';

export interface FileDownloadRequest {
  client: AxiosInstance;
  url: string;
  /** Final path; bytes go to `<target>.partial` until they are verified. */
  target: string;
  size: number;
  sha256: string;
  /** Names the file in messages: `package LAB00012 file sources/install.wim`. */
  what: string;
  /** Retries after the first attempt for transfer failures. */
  retries: number;
  retryDelayMs: number;
  /** Milliseconds without data before the attempt is abandoned and resumed. */
  stallMs: number;
  signal?: AbortSignal;
  onBytes?: (received: number) => void;
  onRetry?: (attempt: number, error: Error) => void;
}

export interface FileDownloadResult {
  /** Bytes transferred over the network (less than the size when an earlier partial file was resumed). */
  transferred: number;
  /** Requests that asked for a range (resumes). */
  resumes: number;
}

/**
 * Downloads and verifies one file.
 * @throws ContentMismatchError after the one re-download also mismatched (message names the file and both hashes);
 *   the last transfer error when the retries are used up or the failure cannot be retried (TLS, 404, abort)
 */
export async function downloadFile(req: FileDownloadRequest): Promise<FileDownloadResult> {
  const partial = await openPartial(req.target, req.size);
  const result: FileDownloadResult = { transferred: 0, resumes: 0 };
  try {
    for (let pass = 1; ; pass++) {
      const actual = await transferAll(req, partial, result);
      if (actual === req.sha256) break;
      await resetPartial(partial);
      if (pass === 2) throw new ContentMismatchError(`${req.url} (downloaded twice)`, req.sha256, actual);
      req.onRetry?.(0, new ContentMismatchError(req.what, req.sha256, actual));
    }
  } finally {
    await partial.sink.close();
  }
  await rename(partial.path, req.target);
  return result;
}

/** Transfers until the file is complete (with retries); returns its SHA-256, or what was wrong with its size. */
async function transferAll(req: FileDownloadRequest, partial: PartialFile, result: FileDownloadResult): Promise<string> {
  try {
    await pRetry(() => attempt(req, partial, result), {
      retries: req.retries, minTimeout: req.retryDelayMs, factor: 1, signal: req.signal,
      shouldRetry: ({ error }) => isRetryable(error),
      onFailedAttempt: ({ error, attemptNumber, retriesLeft }) => {
        if (retriesLeft > 0 && isRetryable(error)) req.onRetry?.(attemptNumber, error);
      },
    });
    return await partial.sink.digest();
  } catch (e) {
    if (e instanceof ContentMismatchError) return e.actual;
    throw e;
  }
}

/** One request for the bytes still missing. */
async function attempt(req: FileDownloadRequest, partial: PartialFile, result: FileDownloadResult): Promise<void> {
  if (partial.bytes === req.size) return;
  if (partial.bytes > req.size) await resetPartial(partial);
  const from = partial.bytes;
  const res = await req.client.get<Readable>(req.url, {
    responseType: 'stream', signal: req.signal, headers: from > 0 ? { Range: `bytes=${from}-` } : {},
  });
  if (res.status === 416) {
    res.data.destroy();
    await resetPartial(partial);
    throw new RangeRefusedError(req.url);
  }
  if (res.status === 206 && from > 0) {
    result.resumes++;
    if (rangeStart(res.headers['content-range']) !== from) {
      res.data.destroy();
      await resetPartial(partial);
      throw new TruncatedError(0, req.size);
    }
  } else if (res.status === 200) {
    if (from > 0) await resetPartial(partial);
  } else {
    res.data.destroy();
    throw new HttpStatusError(res.status, req.url);
  }
  await receive(req, res.data, partial, result);
  if (partial.bytes < req.size) throw new TruncatedError(partial.bytes, req.size);
}

function rangeStart(header: unknown): number | undefined {
  const m = /^bytes (\d+)-/.exec(String(header ?? ''));
  return m ? Number(m[1]) : undefined;
}

/** Streams the body into the partial file, abandoning it when no data arrives for `stallMs`. */
async function receive(req: FileDownloadRequest, body: Readable, partial: PartialFile, result: FileDownloadResult): Promise<void> {
  // One interval checks the time of the last data: re-arming a timer per 64 KiB chunk costs measurable throughput.
  let last = performance.now();
  const watchdog = setInterval(() => {
    if (performance.now() - last >= req.stallMs) body.destroy(new StallError(req.stallMs));
  }, Math.max(10, Math.floor(req.stallMs / 4)));
  let seen = partial.bytes;
  const writer = partialWriter(partial, {
    limit: req.size,
    onBytes: (received) => { result.transferred += received - seen; seen = received; last = performance.now(); req.onBytes?.(received); },
    onOverflow: () => new ContentMismatchError(req.what, req.sha256, `more than the ${req.size} bytes the manifest lists`),
  });
  try {
    await pipeline(body, writer);
  } finally {
    clearInterval(watchdog);
    // The next attempt resumes from the file's length: every write must have settled first.
    if (!writer.closed) await finished(writer).catch(() => undefined);
  }
}
