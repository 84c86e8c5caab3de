/**
 * The agent's LogPort: smsts.log, always in CMTrace form; with the `json` format also smsts.jsonl; an optional JSON
 * events file; secrets redacted everywhere.
 */
import * as path from 'node:path';
import winston from 'winston';
import { InvalidInputError, TaskseqError } from '../../engine/problems.ts';
import type { LogLine, LogPort, RunEvent } from '../../engine/index.ts';
import { renderConsoleLine } from './event-message.ts';
import { createProgressGate } from './progress-gate.ts';
import { createCmtraceFormat, createJsonLinesFormat, type RunLogRecord } from './log-formats.ts';
import { toEventRecord, toLineRecord } from './run-log-records.ts';
import { SmstsTransport, type SmstsTransportOptions } from './smsts-transport.ts';

export interface RunLogOptions {
  /** Folder of the log (created when missing), e.g. the value of `_SMSTSLogPath`. */
  dir: string;
  /** The CMTrace log; default `smsts.log`. */
  fileName?: string;
  /** Bytes before a rollover; default 5,242,880. */
  maxSize?: number;
  /** Rolled-over files kept; default 3. */
  maxHistory?: number;
  /**
   * `cmtrace` (default): the CMTrace file only. `json`: the CMTrace file and, next to it, a JSON Lines file with every
   * log line and event, named like it with the extension `.jsonl` (`smsts.jsonl`). The CMTrace file is written either
   * way, because deployment engineers and their tools expect smsts.log to be CMTrace.
   */
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
  /** Receives a short human line per step start, skip and result, and a step's progress at most every 10 %. */
  console?: (line: string) => void;
  /** Receives every event's JSON line (no line end), as the JSON log holds it, when the event happens. */
  eventLines?: (line: string) => void;
}

/** A LogPort bound to files. */
export interface RunLog extends LogPort {
  /** The CMTrace log file (`smsts.log`). */
  readonly path: string;
  /** The JSON Lines log (`smsts.jsonl`) when the format is `json`. */
  readonly jsonPath?: string;
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
  const { transports, jsonPath } = openTransports(options);
  const main = transports[0]!;
  // Pass-through at the logger: each transport renders its own text (winston's default would JSON every record).
  const logger = winston.createLogger({ level: 'info', format: winston.format((i) => i)(), transports, exitOnError: false });
  let closed = false;
  const progress = createProgressGate();

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
    ...(jsonPath !== undefined ? { jsonPath } : {}),
    write: (line: LogLine) => emit(toLineRecord(line, now(), redact)),
    event(e: RunEvent): void {
      const { record, safe } = toEventRecord(e, now(), redact);
      const shown = safe.kind === 'step-progress' ? progress.pass(safe) : { log: true, console: true };
      emit(shown.log ? record : { ...record, cmtrace: false });
      options.eventLines?.(record.jsonLine);
      const consoleLine = options.console && shown.console ? renderConsoleLine(safe) : undefined;
      if (consoleLine !== undefined) options.console?.(redact(consoleLine));
      if (e.kind === 'step-result') progress.end(e.index);
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

/** The name of the JSON Lines log next to the CMTrace log: `smsts.log` -> `smsts.jsonl`. */
export function jsonLogName(fileName: string): string {
  const ext = path.extname(fileName);
  return `${fileName.slice(0, fileName.length - ext.length)}.jsonl`;
}

/** The CMTrace transport first, then the JSON log's (format `json`), then the events file's (`jsonFile`). */
function openTransports(options: RunLogOptions): { transports: SmstsTransport[]; jsonPath?: string } {
  const { now, biasMinutes } = options;
  const common = { maxSize: options.maxSize, maxHistory: options.maxHistory, now, biasMinutes };
  const fileName = options.fileName ?? 'smsts.log';
  const mainPath = path.resolve(options.dir, fileName);
  const opened = [openTransport(mainPath, {
    ...common, bom: true, format: createCmtraceFormat({ biasMinutes, thread: options.thread ?? process.pid }),
  })];
  try {
    const jsonPath = options.format === 'json' ? path.resolve(options.dir, jsonLogName(fileName)) : undefined;
    if (jsonPath === mainPath) throw new InvalidInputError(`Log ${mainPath}: the CMTrace log must not be named .jsonl`);
    if (jsonPath !== undefined) opened.push(openTransport(jsonPath, { ...common, format: createJsonLinesFormat({ eventsOnly: false }) }));
    if (options.jsonFile !== undefined) {
      const eventsPath = path.resolve(options.dir, options.jsonFile);
      if (eventsPath === mainPath || eventsPath === jsonPath) {
        throw new InvalidInputError(`Log ${mainPath}: jsonFile must differ from the main log file and the JSON log`);
      }
      opened.push(openTransport(eventsPath, { ...common, format: createJsonLinesFormat({ eventsOnly: true }) }));
    }
    return { transports: opened, ...(jsonPath !== undefined ? { jsonPath } : {}) };
  } catch (err) {
    for (const t of opened) t.close();
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
