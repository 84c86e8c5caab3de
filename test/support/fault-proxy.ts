/**
 * An in-process TCP proxy between the agent and nginx that injects transfer faults. Every request is forced onto its
 * own connection (`Connection: close` upstream), so a fault queued for the next connection hits exactly the next
 * request. Faults count response BODY bytes (after the header block):
 *   drop  — close the connection after n body bytes (a reset mid-file);
 *   stall — stop forwarding after n body bytes and hold the connection open;
 *   flip  — invert the body byte at offset n (a corrupted transfer).
 */
import { createServer, connect, type Server, type Socket } from 'node:net';

export type Fault = { kind: 'drop'; after: number } | { kind: 'stall'; after: number } | { kind: 'flip'; at: number } | { kind: 'none' };

export interface SeenRequest {
  method: string;
  path: string;
  /** The Range header, when the request had one. */
  range?: string;
}

export interface FaultProxy {
  url: string;
  /** Faults for the next connections, consumed in order (connections beyond the queue pass through). */
  faults: Fault[];
  requests: SeenRequest[];
  connections: number;
  close(): Promise<void>;
}

const HEAD_END = Buffer.from('\r\n\r\n');

/** Rewrites each complete request head to ask for `Connection: close` and records it. */
function requestRewriter(seen: SeenRequest[]): (chunk: Buffer) => Buffer {
  let pending = Buffer.alloc(0);
  return (chunk) => {
    pending = Buffer.concat([pending, chunk]);
    const out: Buffer[] = [];
    for (let end = pending.indexOf(HEAD_END); end >= 0; end = pending.indexOf(HEAD_END)) {
      const lines = pending.subarray(0, end).toString('latin1').split('\r\n');
      const [method, path] = lines[0].split(' ');
      const headers = lines.slice(1).filter((l) => !/^connection:/i.test(l));
      const range = headers.find((l) => /^range:/i.test(l))?.replace(/^range:\s*/i, '');
      seen.push({ method, path, ...(range ? { range } : {}) });
      out.push(Buffer.from([lines[0], ...headers, 'Connection: close', '', ''].join('\r\n'), 'latin1'));
      pending = pending.subarray(end + 4);
    }
    return Buffer.concat(out);
  };
}

/** Applies one fault to the response stream; returns what to forward (undefined = stop forwarding). */
function responseFilter(fault: Fault, client: Socket): (chunk: Buffer) => Buffer | undefined {
  let head = Buffer.alloc(0);
  let inBody = false;
  let body = 0;
  let stopped = false;
  return (chunk) => {
    if (stopped) return undefined;
    let data = chunk;
    let prefix = Buffer.alloc(0);
    if (!inBody) {
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf(HEAD_END);
      if (end < 0) return chunk;
      inBody = true;
      prefix = head.subarray(0, end + 4);
      data = head.subarray(end + 4);
    }
    const start = body;
    body += data.length;
    if (fault.kind === 'flip' && fault.at >= start && fault.at < body) {
      data = Buffer.from(data);
      data[fault.at - start] ^= 0xff;
    }
    if ((fault.kind === 'drop' || fault.kind === 'stall') && body > fault.after) {
      stopped = true;
      const keep = Buffer.concat([prefix, data.subarray(0, fault.after - start)]);
      if (fault.kind === 'drop') setImmediate(() => client.destroy());
      return keep;
    }
    return prefix.length ? Buffer.concat([prefix, data]) : data;
  };
}

/**
 * Starts a proxy on 127.0.0.1 in front of `upstreamPort`. `raw` passes bytes through untouched and only counts
 * connections (for TLS, which it cannot read).
 */
export async function startFaultProxy(upstreamPort: number, options: { raw?: boolean } = {}): Promise<FaultProxy> {
  const sockets = new Set<Socket>();
  const proxy: FaultProxy = { url: '', faults: [], requests: [], connections: 0, close: async () => {} };
  const server: Server = createServer((client) => {
    proxy.connections++;
    const fault = proxy.faults.shift() ?? { kind: 'none' };
    const upstream = connect(upstreamPort, '127.0.0.1');
    sockets.add(client).add(upstream);
    const rewrite = options.raw ? (c: Buffer) => c : requestRewriter(proxy.requests);
    const filter = options.raw ? (c: Buffer) => c : responseFilter(fault, client);
    client.on('data', (c: Buffer) => { const out = rewrite(c); if (out.length) upstream.write(out); });
    upstream.on('data', (c: Buffer) => { const out = filter(c); if (out?.length) client.write(out); });
    upstream.on('end', () => { if (fault.kind !== 'stall') client.end(); });
    const close = (): void => { client.destroy(); upstream.destroy(); sockets.delete(client); sockets.delete(upstream); };
    client.on('close', close).on('error', close);
    upstream.on('close', () => { if (fault.kind !== 'stall') client.end(); }).on('error', close);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy.url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  proxy.close = () => new Promise<void>((resolve) => {
    for (const s of sockets) s.destroy();
    server.close(() => resolve());
  });
  return proxy;
}
