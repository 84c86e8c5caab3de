/**
 * The agent's end of the bridge while one command runs: a local server (a Windows named pipe, or a Unix socket, with
 * the same code) that reads request lines and answers them as {@link routeLine} decides. Nothing a client sends can
 * reach the agent: a malformed line gets an error answer, a wrong token an error and the end of that connection, an
 * over-long line an error and the end, a broken connection is dropped.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type Server, type Socket } from 'node:net';
import type { BridgeLog } from './answer-request.ts';
import type { CommandEnvironment } from './command-environment.ts';
import { formatAnswer, formatHello, MAX_REQUEST_CHARS } from './protocol.ts';
import { routeLine, type RouteContext, type Routed } from './route-line.ts';

export interface BridgeServerOptions {
  /** Pipe name (`\\.\pipe\…`) or socket path to listen on. */
  endpoint: string;
  /** The secret a request must carry. */
  token: string;
  environment: CommandEnvironment;
  log: BridgeLog;
}

/** A listening bridge. */
export interface BridgeServer {
  /** Stops listening and ends every connection. */
  close(): Promise<void>;
}

/** Listens on `options.endpoint` until {@link BridgeServer.close}. */
export async function listenBridge(options: BridgeServerOptions): Promise<BridgeServer> {
  const channels = new Map<string, Socket>();
  const context: RouteContext = { ...options, hasChannel: (c) => channels.has(c) };
  const server = createServer((socket) => serve(socket, channels, context));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.endpoint, () => {
      server.off('error', reject);
      resolve();
    });
  });
  // After start-up a server error (none is expected) must not end the agent.
  server.on('error', (e) => options.log('warning', `The task sequence environment bridge failed: ${e.message}`));
  return { close: () => closeServer(server, channels) };
}

function serve(socket: Socket, channels: Map<string, Socket>, context: RouteContext): void {
  const channel = randomBytes(16).toString('hex');
  channels.set(channel, socket);
  socket.on('error', () => socket.destroy());
  socket.on('close', () => channels.delete(channel));
  socket.setEncoding('utf8');
  socket.write(formatHello(channel));
  let pending = '';
  socket.on('data', (chunk: string) => {
    pending += chunk;
    let end: number;
    while ((end = pending.indexOf('\n')) >= 0 && !socket.writableEnded) {
      const line = pending.slice(0, end).replace(/\r$/, '');
      pending = pending.slice(end + 1);
      if (line.length > MAX_REQUEST_CHARS) tooLong(socket);
      else if (line.trim() !== '') send(routeLine(line, context), socket, channels);
    }
    if (pending.length > MAX_REQUEST_CHARS && !socket.writableEnded) tooLong(socket);
  });
}

function send(routed: Routed, socket: Socket, channels: Map<string, Socket>): void {
  if (routed.hangUp) hangUp(socket, routed.answer);
  else ('channel' in routed.to ? channels.get(routed.to.channel) : socket)?.write(routed.answer);
}

function tooLong(socket: Socket): void {
  hangUp(socket, formatAnswer({ ok: false, error: `a request line is at most ${MAX_REQUEST_CHARS} characters` }));
}

/** Answers and ends the connection: whoever sent this gets nothing more from it. */
function hangUp(socket: Socket, answer: string): void {
  socket.end(answer, () => socket.destroy());
}

function closeServer(server: Server, channels: Map<string, Socket>): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    for (const socket of channels.values()) socket.destroy();
    channels.clear();
  });
}
