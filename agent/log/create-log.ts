/** The agent's LogPort: smsts.log in CMTrace form (or JSON lines), an optional JSON events file, secrets redacted. */
import * as path from 'node:path';
import winston from 'winston';
import { InvalidInputError, TaskseqError } from '../../engine/problems.ts';
import type { LogLine, LogPort, RunEvent } from '../../engine/index.ts';
import { renderConsoleLine } from './event-message.ts';
import { createCmtraceFormat, createJsonLinesFormat, type RunLogRecord } from './log-formats.ts';
import { toEventRecord, toLineRecord } from './run-log-records.ts';
import { SmstsTransport, type SmstsTransportOptions } from './smsts-transport.ts';

export interface RunLogOptions {
  /** Folder of the log (created when missing), e.g. the value of `_SMSTSLogPath`. */
  dir: string;
  /** Default `smsts.log`. */
  fileName?: string;
  /** Bytes before a rollover; default 5,242,880. */
  maxSize?: number;
  /** Rolled-over files kept; default 3. */
  maxHistory?: number;
  /** `cmtrace` (default) or `json` (the main file holds JSON lines instead). */
  format?: 'cmtrace' | 'json';
  /** Optional second file (relative to `dir` or absolute) that receives one JSON line per event. */
  jsonFile?: string;
  /** Milliseconds since the Unix epoch. */
  now: () => number;
  /** Minutes west of UTC (UTC = local + bias), the sign of `Date#getTimezoneOffset()`. */
  biasMinutes: number;
  /** Thread id printed on every line; default the process id. */
  thread?: number;
  /** Applied to every string before it is written anywhere. */
  redact: (text: string) => string;
  /** Receives a short human line per step start, skip and result. */
  console?: (line: string) => void;
}

/** A LogPort bound to files. */
export interface RunLog extends LogPort {
  /** The main log file. */
  readonly path: string;
  /** Flushes and closes every file; later writes throw. Idempotent. */
  close(): void;
}

/** Events after which the files are made durable: step boundaries, before a reboot, at the end. */
const DURABLE_AFTER = new Set<RunEvent['kind']>(['step-result', 'reboot', 'run-end']);

/**
 * Opens (appends to) the run log.
 * @throws InvalidInputError when a size, history count or bias is out of range.
 * `write`, `event` and `flush` throw TaskseqError (`internal`) naming the file when it cannot be written.
 */
export function createRunLog(options: RunLogOptions): RunLog {
  checkOptions(options);
  const { now, redact } = options;
  const transports = openTransports(options);
  const main = transports[0]!;
  // Pass-through at the logger: each transport renders its own text (winston's default would JSON every record).
  const logger = winston.createLogger({ level: 'info', format: winston.format((i) => i)(), transports, exitOnError: false });
  let closed = false;

  const emit = (record: RunLogRecord): void => {
    if (closed) throw new TaskseqError('internal', `Cannot write to ${main.path}: the log is closed`);
    logger.log(record);
    throwFailure(transports);
  };
  const flush = (): void => {
    if (!closed) for (const t of transports) flushTransport(t);
  };
  return {
    path: main.path,
    write: (line: LogLine) => emit(toLineRecord(line, now(), redact)),
    event(e: RunEvent): void {
      const { record, safe } = toEventRecord(e, now(), redact);
      emit(record);
      const consoleLine = options.console ? renderConsoleLine(safe) : undefined;
      if (consoleLine !== undefined) options.console?.(redact(consoleLine));
      if (DURABLE_AFTER.has(e.kind)) flush();
    },
    flush,
    close(): void {
      if (closed) return;
      flush();
      closed = true;
      for (const t of transports) t.close();
      logger.close();
    },
  };
}

/** The main file's transport first, then the JSON events file's when `jsonFile` is set. */
function openTransports(options: RunLogOptions): SmstsTransport[] {
  const { now, biasMinutes } = options;
  const common = { maxSize: options.maxSize, maxHistory: options.maxHistory, now, biasMinutes };
  const mainPath = path.resolve(options.dir, options.fileName ?? 'smsts.log');
  const main = openTransport(mainPath, {
    ...common,
    format: options.format === 'json'
      ? createJsonLinesFormat({ eventsOnly: false })
      : createCmtraceFormat({ biasMinutes, thread: options.thread ?? process.pid }),
  });
  if (options.jsonFile === undefined) return [main];
  const eventsPath = path.resolve(options.dir, options.jsonFile);
  try {
    if (eventsPath === mainPath) throw new InvalidInputError(`Log ${mainPath}: jsonFile must differ from the main log file`);
    return [main, openTransport(eventsPath, { ...common, format: createJsonLinesFormat({ eventsOnly: true }) })];
  } catch (err) {
    main.close();
    throw err;
  }
}

function openTransport(file: string, options: Omit<SmstsTransportOptions, 'path'>): SmstsTransport {
  try {
    return new SmstsTransport({ ...options, path: file });
  } catch (err) {
    throw new TaskseqError('internal', `Cannot open the log file ${file}: ${(err as Error).message}`, { cause: err });
  }
}

function checkOptions(o: RunLogOptions): void {
  const bad = (field: string, message: string): never => {
    throw new InvalidInputError(`Log ${o.fileName ?? 'smsts.log'}: ${field} ${message}`, [
      { severity: 'error', code: 'invalid-log-option', field, message },
    ]);
  };
  if (o.maxSize !== undefined && !(Number.isInteger(o.maxSize) && o.maxSize > 0)) bad('maxSize', 'must be a positive integer (bytes)');
  if (o.maxHistory !== undefined && !(Number.isInteger(o.maxHistory) && o.maxHistory >= 0)) bad('maxHistory', 'must be an integer >= 0');
  if (!Number.isInteger(o.biasMinutes) || Math.abs(o.biasMinutes) > 999) bad('biasMinutes', 'must be an integer from -999 to 999 (minutes)');
  if (o.thread !== undefined && !(Number.isInteger(o.thread) && o.thread >= 0)) bad('thread', 'must be a non-negative integer');
}

function throwFailure(transports: readonly SmstsTransport[]): void {
  for (const t of transports) {
    const failure = t.takeFailure();
    if (failure) throw new TaskseqError('internal', `Cannot write to ${t.path}: ${failure.message}`, { cause: failure });
  }
}

function flushTransport(t: SmstsTransport): void {
  try {
    t.flush();
  } catch (err) {
    throw new TaskseqError('internal', `Cannot flush ${t.path}: ${(err as Error).message}`, { cause: err });
  }
}
