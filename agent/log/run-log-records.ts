/** Turns log lines and run events into redacted records ready for the winston formats. */
import type { LogLine, LogSeverity, RunEvent } from '../../engine/index.ts';
import type { CmtraceType } from './cmtrace-format.ts';
import { EVENT_COMPONENT, maskEvent, renderEventMessage } from './event-message.ts';
import type { RunLogRecord } from './log-formats.ts';

type Redact = (text: string) => string;

const LEVELS: Record<LogSeverity, { level: string; type: CmtraceType }> = {
  info: { level: 'info', type: 1 },
  warning: { level: 'warn', type: 2 },
  error: { level: 'error', type: 3 },
};

/** Record of an engine log line: message and component redacted; JSON form `{"time","log":{...}}`. */
export function toLineRecord(line: LogLine, timeMs: number, redact: Redact): RunLogRecord {
  const { level, type } = LEVELS[line.severity];
  const message = redact(line.message);
  const component = redact(line.component);
  const body = { severity: line.severity, component, message };
  return { level, type, message, component, timeMs, isEvent: false, jsonLine: renderJsonLine(timeMs, 'log', body, redact) };
}

/**
 * Record of a run event under the `TSManager` component: every string field redacted, a secret variable's value
 * masked; JSON form `{"time","event":{...}}`. Also returns the redacted event for the console line.
 */
export function toEventRecord(e: RunEvent, timeMs: number, redact: Redact): { record: RunLogRecord; safe: RunEvent } {
  const safe = redactEvent(maskEvent(e), redact);
  const { message, type } = renderEventMessage(safe);
  const record: RunLogRecord = {
    level: type === 3 ? 'error' : 'info',
    type,
    message: redact(message),
    component: redact(EVENT_COMPONENT),
    timeMs,
    isEvent: true,
    jsonLine: renderJsonLine(timeMs, 'event', safe, redact),
  };
  return { record, safe };
}

/** One JSON line (no line end): the body's strings are redacted already; the whole line is redacted again. */
function renderJsonLine(timeMs: number, key: 'log' | 'event', body: object, redact: Redact): string {
  return redact(JSON.stringify({ time: new Date(timeMs).toISOString(), [key]: body }));
}

function redactEvent(e: RunEvent, redact: Redact): RunEvent {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(e)) out[k] = typeof v === 'string' ? redact(v) : v;
  return out as RunEvent;
}
