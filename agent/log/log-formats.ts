/** winston formats that turn a run-log record into the exact text a transport appends. */
import winston from 'winston';
import { renderCmtraceLine, type CmtraceType } from './cmtrace-format.ts';
import { MESSAGE } from './smsts-transport.ts';

/** The fields a run-log record carries through winston (besides `level` and `message`). */
export interface RunLogRecord {
  level: string;
  /** Already redacted. */
  message: string;
  /** Already redacted. */
  component: string;
  type: CmtraceType;
  /** Milliseconds since the Unix epoch. */
  timeMs: number;
  /** The complete, already redacted JSON line (without line ending). */
  jsonLine: string;
  /** True for structured run events (only those go to the separate JSON events file). */
  isEvent: boolean;
  /** False for a record only the JSON files keep (a progress event between an activity's first and last). */
  cmtrace?: boolean;
}

/** Renders records as CMTrace lines in the zone of `biasMinutes`, stamped with `thread`. */
export function createCmtraceFormat(options: { biasMinutes: number; thread: number }): winston.Logform.Format {
  return winston.format((info) => {
    const r = info as unknown as RunLogRecord;
    if (r.cmtrace === false) return false;
    info[MESSAGE] = renderCmtraceLine({
      message: r.message,
      component: r.component,
      type: r.type,
      time: new Date(r.timeMs),
      biasMinutes: options.biasMinutes,
      thread: options.thread,
    });
    return info;
  })();
}

/** Renders records as JSON lines (`\n`-terminated); with `eventsOnly`, plain log lines are dropped. */
export function createJsonLinesFormat(options: { eventsOnly: boolean }): winston.Logform.Format {
  return winston.format((info) => {
    const r = info as unknown as RunLogRecord;
    if (options.eventsOnly && !r.isEvent) return false;
    info[MESSAGE] = r.jsonLine + '\n';
    return info;
  })();
}
