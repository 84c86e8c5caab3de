/**
 * A state migration point for tests, speaking the REST contract of docs/user-state.md: stores are handed out under
 * one share path and remembered per computer, so a restore finds the capture's store.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface TestSmpOptions {
  /** `\\server\share` the stores are created under. */
  share: string;
  /** The encryption key every store gets. */
  key: string;
  /** Answer 503 to this many first requests (to exercise the retries). */
  busyFirst?: number;
  /** Refuse the computer account (401) so only the network access account fallback works. */
  refuseComputerAccount?: boolean;
}

export interface TestSmp {
  url: string;
  /** `capture:<computer>`, `capture:busy`, `release:<kind>`, `denied:<account>` in order. */
  calls(): string[];
  lastId(): string;
  close(): Promise<void>;
}

export async function startTestStateMigrationPoint(o: TestSmpOptions): Promise<TestSmp> {
  const calls: string[] = [];
  const byComputer = new Map<string, string>();
  let busy = o.busyFirst ?? 0;
  let last = '';
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
      const release = /^\/smp\/stores\/([^/]+)\/release$/.exec(req.url ?? '');
      if (req.method === 'POST' && release) {
        calls.push(`release:${body.kind}`);
        res.writeHead(204).end();
        return;
      }
      if (req.method !== 'POST' || req.url !== '/smp/stores') return void res.writeHead(404).end();
      if (o.refuseComputerAccount && body.account === 'computer') {
        calls.push('denied:computer');
        return void res.writeHead(401).end();
      }
      if (busy > 0) {
        busy -= 1;
        calls.push(`${body.kind}:busy`);
        return void res.writeHead(503).end();
      }
      const known = byComputer.get(body.computerName);
      if (body.kind === 'restore' && !known) return void res.writeHead(404).end();
      const id = known ?? `STORE-${byComputer.size + 1}`;
      byComputer.set(body.computerName, id);
      last = id;
      calls.push(`${body.kind}:${body.computerName}`);
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id, path: `${o.share}\\${id}`, encryptionKey: o.key }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/smp/`,
    calls: () => [...calls],
    lastId: () => last,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
