/**
 * Status events to an HTTP endpoint, fire-and-forget: `post()` only queues, one background loop sends the queue in
 * order (each event with a few quick retries), a full queue drops its oldest event, and nothing the endpoint does can
 * block or fail the run. With `SMSTSDisableStatusRetry` set, the first event that cannot be delivered (after its
 * retries) turns reporting off for the rest of the deployment, restarts included (a marker file remembers it).
 */
import { existsSync, writeFileSync } from 'node:fs';
import type { AxiosInstance } from 'axios';
import pRetry from 'p-retry';
import { describeError } from '../content/download-errors.ts';

export interface StatusReporterOptions {
  url: string;
  client: AxiosInstance;
  /** True when the run's variables say to stop after the first failed send (`SMSTSDisableStatusRetry`). */
  stopAfterFailure: () => boolean;
  /** Told once per event that could not be delivered (for the log). */
  onFailure?: (message: string) => void;
  /** File whose existence means reporting was turned off earlier in this deployment. */
  disabledMarker?: string;
  /** Events held at most; default 256. */
  maxQueue?: number;
  /** Retries per event and the pause between them; default 2 retries, 500 ms. */
  retry?: { count: number; delayMs: number };
  /** Milliseconds per request; default 5000. */
  timeoutMs?: number;
}

export interface StatusReporter {
  /** Queues an event (a JSON object); never throws, never waits. */
  post(event: Record<string, unknown>): void;
  /** Waits for the queue to empty, at most `timeoutMs`, then stops sending. Never throws. */
  close(timeoutMs?: number): Promise<void>;
  readonly stats: { sent: number; failed: number; dropped: number; disabled: boolean };
}

export function createStatusReporter(o: StatusReporterOptions): StatusReporter {
  const queue: Array<Record<string, unknown>> = [];
  const stats = { sent: 0, failed: 0, dropped: 0, disabled: !!o.disabledMarker && existsSync(o.disabledMarker) };
  const retry = o.retry ?? { count: 2, delayMs: 500 };
  let pumping: Promise<void> | undefined;
  let idle: () => void = () => {};
  let closed = false;
  // Aborts a request still in flight when the run ends, so a hanging endpoint cannot keep the agent alive.
  const stop = new AbortController();

  const send = (event: Record<string, unknown>) => pRetry(async () => {
    const res = await o.client.post(o.url, event, { timeout: o.timeoutMs ?? 5000, signal: stop.signal, headers: { 'Content-Type': 'application/json' } });
    if (res.status < 200 || res.status >= 300) throw new Error(`HTTP ${res.status}`);
  }, { retries: retry.count, minTimeout: retry.delayMs, factor: 1, unref: true, signal: stop.signal });

  const failed = (event: Record<string, unknown>, e: unknown): void => {
    stats.failed++;
    if (closed) return;
    try {
      o.onFailure?.(`status event ${String(event.kind)} to ${o.url} was not delivered: ${describeError(e)}`);
    } catch { /* reporting must never fail the run */ }
    if (o.stopAfterFailure()) disable();
  };

  const disable = (): void => {
    stats.disabled = true;
    queue.length = 0;
    if (o.disabledMarker) writeFileSync(o.disabledMarker, 'status reporting turned off after a failed send (SMSTSDisableStatusRetry)\n');
  };

  const pump = async (): Promise<void> => {
    while (queue.length > 0 && !stats.disabled && !closed) {
      const event = queue.shift()!;
      try {
        await send(event);
        stats.sent++;
      } catch (e) {
        failed(event, e);
      }
    }
    pumping = undefined;
    idle();
  };

  return {
    stats,
    post(event) {
      if (stats.disabled || closed) return;
      if (queue.length >= (o.maxQueue ?? 256)) {
        queue.shift();
        stats.dropped++;
      }
      queue.push(event);
      pumping ??= pump();
    },
    async close(timeoutMs = 2000) {
      if (pumping) {
        const drained = new Promise<void>((resolve) => (idle = resolve));
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([drained, new Promise<void>((resolve) => { timer = setTimeout(resolve, timeoutMs); })]);
        clearTimeout(timer);
      }
      closed = true;
      queue.length = 0;
      stop.abort();
    },
  };
}
