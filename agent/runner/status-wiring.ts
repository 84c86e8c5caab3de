/** Tees the engine's run events into the status reporter (when `--status-url` is given). */
import type { AxiosInstance } from 'axios';
import type { RunEvent } from '../../engine/index.ts';
import type { RunLog } from '../log/index.ts';
import { createStatusReporter, type StatusReporter } from '../status/status-reporter.ts';
import { toStatusEvent, type StatusContext } from '../status/status-events.ts';

export interface RunStatus {
  /** The log with status reporting added to its events. */
  log: RunLog;
  /** Reports that staging failed (no engine event exists for it). */
  contentFailed(message: string): void;
  close(): Promise<void>;
}

export interface RunStatusOptions {
  url: string | undefined;
  client: AxiosInstance;
  /** The file whose presence says status reporting gave up for this deployment. */
  disabledMarker: string;
  /** Current value of a variable of the run. */
  variable: (name: string) => string | undefined;
  context: StatusContext;
}

export function wireStatus(log: RunLog, o: RunStatusOptions): RunStatus {
  if (!o.url) return { log, contentFailed: () => {}, close: async () => {} };
  let seq = 0;
  const reporter: StatusReporter = createStatusReporter({
    url: o.url, client: o.client, disabledMarker: o.disabledMarker,
    stopAfterFailure: () => /^\s*true\s*$/i.test(o.variable('SMSTSDisableStatusRetry') ?? ''),
    onFailure: (message) => log.write({ severity: 'warning', component: 'TSManager', message: o.context.redact(message) }),
  });
  const post = (e: Parameters<typeof toStatusEvent>[0]) => {
    const event = toStatusEvent(e, seq + 1, o.context);
    if (!event) return;
    seq++;
    reporter.post(event);
  };
  return {
    log: { ...log, event: (e: RunEvent) => { log.event(e); post(e); } },
    contentFailed: (message) => post({ kind: 'content-failed', message }),
    close: () => reporter.close(),
  };
}
