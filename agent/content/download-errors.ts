/**
 * How a failed transfer is judged: which failures a retry can fix (a dropped connection, a stall, a server error) and
 * which it cannot (a certificate the CA bundle does not vouch for, a missing file, bytes that do not match).
 */
import { TaskseqError } from '../../engine/index.ts';

/** The bytes received are not the bytes the manifest describes. */
export class ContentMismatchError extends TaskseqError {
  constructor(readonly what: string, readonly expected: string, readonly actual: string) {
    super('content-unavailable', `${what}: SHA-256 mismatch: expected ${expected}, got ${actual}`);
    this.name = 'ContentMismatchError';
  }
}

/** No data arrived for the stall timeout. */
export class StallError extends Error {
  constructor(readonly ms: number) {
    super(`no data for ${ms} ms (stalled)`);
    this.name = 'StallError';
  }
}

/** The server answered with a status that is not the file. */
export class HttpStatusError extends Error {
  constructor(readonly status: number, url: string) {
    super(`HTTP ${status} for ${url}`);
    this.name = 'HttpStatusError';
  }
}

/** The connection ended before the whole file arrived. */
export class TruncatedError extends Error {
  constructor(received: number, expected: number) {
    super(`the connection ended after ${received} of ${expected} bytes`);
    this.name = 'TruncatedError';
  }
}

/** The server refused to continue from the bytes already here (416): the next attempt starts over. */
export class RangeRefusedError extends Error {
  constructor(url: string) {
    super(`${url} refused the range to resume from; starting over`);
    this.name = 'RangeRefusedError';
  }
}

const TLS_CODES = /CERT|SSL|TLS|SIGNATURE|ISSUER|EPROTO|ERR_OSSL/;

/** A TLS or certificate failure: retrying the same server cannot fix it. */
export function isTlsError(error: unknown): boolean {
  for (let e: unknown = error; e; e = (e as { cause?: unknown }).cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && TLS_CODES.test(code)) return true;
    if (/certificate|self[- ]signed|ssl|tls/i.test((e as Error).message ?? '')) return true;
  }
  return false;
}

/** An aborted request (step timeout, shutdown): never retried. */
export function isAbort(error: unknown): boolean {
  const e = error as { name?: string; code?: string };
  return e?.name === 'AbortError' || e?.name === 'CanceledError' || e?.code === 'ERR_CANCELED';
}

/**
 * Whether another attempt at the same source can help. 408/429 and 5xx are transient; other statuses (404, 403) are
 * answers. TLS failures, mismatches and aborts are final.
 */
export function isRetryable(error: unknown): boolean {
  if (error instanceof ContentMismatchError || isAbort(error) || isTlsError(error)) return false;
  if ((error as Error)?.name === 'LocalWriteError') return false;
  if (error instanceof HttpStatusError) return error.status === 408 || error.status === 429 || error.status >= 500;
  return true;
}

/** One line for logs and messages (no stack, no request internals). */
export function describeError(error: unknown): string {
  if (isTlsError(error)) {
    const code = (error as { code?: string }).code;
    return `TLS/certificate failure${code ? ` (${code})` : ''}: ${(error as Error).message}; check --ca-bundle`;
  }
  const e = error as { code?: string; message?: string };
  if (error instanceof TaskseqError) return error.message;
  return e?.code && !String(e.message).includes(e.code) ? `${e.message} (${e.code})` : String(e?.message ?? error);
}
