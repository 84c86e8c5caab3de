/**
 * A winston transport for `smsts.log`: appends synchronously (nothing is lost on `process.exit`), makes the file
 * durable on `flush()`, and rolls over the ConfigMgr way. winston's own File transport buffers asynchronously.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Transport from 'winston-transport';
import type { Logform } from 'winston';
import { rollOver } from './rollover.ts';

/** Task-sequence default maximum log size in bytes (5 MB). */
export const DEFAULT_MAX_SIZE = 5_242_880;
/** Task-sequence default number of history files kept. */
export const DEFAULT_MAX_HISTORY = 3;

/** The UTF-8 byte order mark ConfigMgr's log files start with. */
export const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** The key winston formats put the finished line under (the same symbol winston uses). */
export const MESSAGE = Symbol.for('message');

export interface SmstsTransportOptions {
  /** The live log file, e.g. `X:\Windows\Temp\SMSTSLog\smsts.log`. Its folder is created when missing. */
  path: string;
  /** Bytes; a line that would make the file larger starts a new file first. Default {@link DEFAULT_MAX_SIZE}. */
  maxSize?: number;
  /** History files kept. Default {@link DEFAULT_MAX_HISTORY}. */
  maxHistory?: number;
  /** Milliseconds since the Unix epoch; stamps history file names. */
  now: () => number;
  /** Minutes west of UTC of the local zone the history names are stamped in. */
  biasMinutes: number;
  /** Renders each winston info into the text to append (under {@link MESSAGE}). */
  format?: Logform.Format;
  /**
   * Start every new file (the first one and each one after a rollover) with {@link UTF8_BOM}. An existing file that
   * already has content is appended to as it is. Default false (JSON Lines files must not have one).
   */
  bom?: boolean;
  level?: string;
}

/** Synchronous, size-rotating file transport. Write errors are kept, not thrown; see {@link takeFailure}. */
export class SmstsTransport extends Transport {
  /** The live log file. */
  readonly path: string;
  private readonly maxSize: number;
  private readonly maxHistory: number;
  private readonly now: () => number;
  private readonly biasMinutes: number;
  private readonly bom: boolean;
  private fd: number | undefined;
  private size = 0;
  /** Bytes at the start of the current file that are not log text (the BOM this transport wrote, if any). */
  private header = 0;
  private renamed = false;
  private failure: Error | undefined;

  constructor(options: SmstsTransportOptions) {
    super({ format: options.format, level: options.level });
    this.path = options.path;
    this.maxSize = options.maxSize ?? DEFAULT_MAX_SIZE;
    this.maxHistory = options.maxHistory ?? DEFAULT_MAX_HISTORY;
    this.now = options.now;
    this.biasMinutes = options.biasMinutes;
    this.bom = options.bom === true;
    fs.mkdirSync(path.dirname(this.path), { recursive: true });
    this.open();
  }

  /** winston entry point: appends the rendered text. Never throws, because winston's stream would wedge. */
  override log(info: Record<string | symbol, unknown>, next: () => void): void {
    const text = info[MESSAGE] ?? info.message;
    try {
      this.append(typeof text === 'string' ? text : String(text));
    } catch (err) {
      this.failure ??= err instanceof Error ? err : new Error(String(err));
    }
    next();
  }

  /**
   * Appends `text` now (synchronously), rolling over first when the file would exceed the maximum size.
   * A single text larger than the maximum still goes into one (fresh) file.
   * @throws the fs error when the write fails or the transport is closed.
   */
  append(text: string): void {
    const bytes = Buffer.from(text, 'utf8');
    // A file that holds nothing but its BOM is not rolled over: that would only leave an empty history file.
    if (this.size > this.header && this.size + bytes.length > this.maxSize) this.rotate();
    const fd = this.requireFd();
    for (let off = 0; off < bytes.length; ) off += fs.writeSync(fd, bytes, off, bytes.length - off);
    this.size += bytes.length;
  }

  /** Makes everything appended so far durable (file data, and the folder after a rollover rename). */
  flush(): void {
    fs.fdatasyncSync(this.requireFd());
    if (this.renamed) {
      syncFolder(path.dirname(this.path));
      this.renamed = false;
    }
  }

  /** Returns and clears the first write error since the last call. */
  takeFailure(): Error | undefined {
    const f = this.failure;
    this.failure = undefined;
    return f;
  }

  /** Closes the file. Idempotent; winston also calls it when the transport is removed. */
  override close(): void {
    if (this.fd === undefined) return;
    fs.closeSync(this.fd);
    this.fd = undefined;
  }

  private open(): void {
    this.fd = fs.openSync(this.path, 'a');
    this.size = fs.fstatSync(this.fd).size;
    this.header = 0;
    if (this.size === 0 && this.bom) {
      fs.writeSync(this.fd, UTF8_BOM);
      this.size = this.header = UTF8_BOM.length;
    }
  }

  private requireFd(): number {
    if (this.fd === undefined) throw new Error(`${this.path} is closed`);
    return this.fd;
  }

  private rotate(): void {
    const fd = this.requireFd();
    fs.fdatasyncSync(fd);
    this.close();
    try {
      rollOver(this.path, this.now(), this.biasMinutes, this.maxHistory);
      this.renamed = true;
    } catch {
      // The log may be held open by a viewer (Windows refuses the rename): keep appending rather than lose lines.
    }
    this.open();
  }
}

/** Best effort: folders cannot be opened for fsync on Windows, and the rename is still there after a clean exit. */
function syncFolder(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    // See above: durability of the rename is an extra, not a requirement.
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}
