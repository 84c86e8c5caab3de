/**
 * A client of the bridge protocol for tests, speaking it as the script component does: a reading connection that
 * keeps its channel, and each request written on a connection of its own (`split`); or every request and answer on
 * one connection (`duplex`), as a client with a two-way pipe handle would.
 */
import { connect, type Socket } from 'node:net';
import { formatLine, type TsEnvRequest } from '../protocol.ts';

/** An answer or hello line, parsed. */
export type Line = Record<string, unknown>;

/** Lines of one connection, in order, awaited one at a time. */
class LineReader {
  private readonly lines: string[] = [];
  private readonly waiting: Array<(line: string | undefined) => void> = [];
  private pending = '';
  closed = false;

  constructor(readonly socket: Socket) {
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      this.pending += chunk;
      let end: number;
      while ((end = this.pending.indexOf('\n')) >= 0) {
        this.push(this.pending.slice(0, end));
        this.pending = this.pending.slice(end + 1);
      }
    });
    socket.on('error', () => {});
    socket.on('close', () => {
      this.closed = true;
      for (const w of this.waiting.splice(0)) w(undefined);
    });
  }

  private push(line: string): void {
    const w = this.waiting.shift();
    if (w) w(line);
    else this.lines.push(line);
  }

  /** The next line as written (`undefined` once the connection closed). */
  nextRaw(): Promise<string | undefined> {
    const line = this.lines.shift();
    if (line !== undefined || this.closed) return Promise.resolve(line);
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  async next(): Promise<Line | undefined> {
    const raw = await this.nextRaw();
    return raw === undefined ? undefined : (JSON.parse(raw) as Line);
  }
}

async function open(endpoint: string): Promise<LineReader> {
  const socket = connect(endpoint);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  return new LineReader(socket);
}

export class TsEnvTestClient {
  private nextId = 1;

  private constructor(
    private readonly endpoint: string,
    private readonly token: string,
    private readonly mode: 'split' | 'duplex',
    /** The connection answers arrive on. */
    readonly reader: LineReader,
    readonly channel: string,
  ) {}

  /** Connects and reads the hello. */
  static async connect(endpoint: string, token: string, mode: 'split' | 'duplex' = 'split'): Promise<TsEnvTestClient> {
    const reader = await open(endpoint);
    const hello = await reader.next();
    if (hello?.protocol !== 1 || typeof hello.channel !== 'string') throw new Error(`unexpected hello ${JSON.stringify(hello)}`);
    return new TsEnvTestClient(endpoint, token, mode, reader, hello.channel);
  }

  /** Sends one request with this client's token and returns its answer. */
  request(request: TsEnvRequest, token = this.token): Promise<Line | undefined> {
    const id = this.nextId++;
    const envelope = { token, id, ...(this.mode === 'split' ? { channel: this.channel } : {}), ...request };
    return this.sendLine(formatLine(envelope).trimEnd());
  }

  /** Sends `line` as written (plus a line end) and returns the answer that comes back. */
  async sendLine(line: string): Promise<Line | undefined> {
    if (this.mode === 'duplex') {
      this.reader.socket.write(`${line}\r\n`);
      return this.reader.next();
    }
    const writer = await open(this.endpoint);
    writer.socket.end(`${line}\r\n`);
    return this.reader.next();
  }

  /**
   * Sends `line` on a connection of its own and returns the answer that connection received after its hello; waits
   * until the server ends that connection (use it for requests the server answers by hanging up).
   */
  async sendUntilHungUp(line: string): Promise<{ answer: Line | undefined; closedAfter: boolean }> {
    const other = await open(this.endpoint);
    await other.next();
    other.socket.write(`${line}\n`);
    const answer = await other.next();
    const after = await other.nextRaw();
    other.socket.destroy();
    return { answer, closedAfter: after === undefined };
  }

  /** True once the server ended this client's reading connection. */
  async closedByServer(): Promise<boolean> {
    return (await this.reader.nextRaw()) === undefined;
  }

  close(): void {
    this.reader.socket.destroy();
  }
}
