/** A status endpoint for tests: records the JSON events posted to it. */
import { createServer, type Server } from 'node:http';

export interface StatusEndpoint { url: string; bodies: Array<Record<string, unknown>>; requests: number; close(): Promise<void> }

/** A server that answers with `status` (or never, for `hang`) and keeps the JSON it received. */
export async function statusEndpoint(mode: number | 'hang'): Promise<StatusEndpoint> {
  const e = { bodies: [] as Array<Record<string, unknown>>, requests: 0 };
  const server: Server = createServer((req, res) => {
    e.requests++;
    let body = '';
    req.on('data', (c) => (body += c)).on('end', () => {
      e.bodies.push(JSON.parse(body));
      if (mode !== 'hang') res.writeHead(mode).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    ...e, get bodies() { return e.bodies; }, get requests() { return e.requests; },
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}/status`,
    close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}
