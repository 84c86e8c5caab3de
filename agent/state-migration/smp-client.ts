/**
 * The state migration point client: the small REST contract of docs/user-state.md over Node's own http/https.
 *
 * - `POST <base>/stores` `{ kind, computerName, macAddresses, account }` -> 200 `{ id, path, encryptionKey }`;
 *   404 when a restore finds no data for the computer; 503 when no store is free now (worth retrying);
 *   401/403 when the account is refused.
 * - `POST <base>/stores/<id>/release` `{ kind }` -> 204.
 *
 * `account` is `computer`, or `network-access` on the fallback attempt. The encryption key in the answer is a secret:
 * it is never logged.
 */
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { TaskseqError, type StateStore, type StateStoreRequest } from '../../engine/index.ts';

interface Reply {
  status: number;
  body: string;
}

function post(url: URL, payload: unknown): Promise<Reply> {
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  const data = Buffer.from(JSON.stringify(payload));
  return new Promise((resolve, reject) => {
    const req = send(url, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': data.length } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(data);
  });
}

const wait = (seconds: number) => new Promise((r) => setTimeout(r, seconds * 1000));

function parseStore(base: string, body: string): StateStore {
  const store = JSON.parse(body) as Partial<StateStore>;
  if (typeof store.id !== 'string' || typeof store.path !== 'string' || typeof store.encryptionKey !== 'string') {
    throw new TaskseqError('unsupported', `state migration point ${base} answered without id, path and encryptionKey`);
  }
  return { id: store.id, path: store.path, encryptionKey: store.encryptionKey };
}

/** One attempt with the given account: the store, 'retry', 'denied', or a final error. */
async function attempt(base: string, r: StateStoreRequest, account: string): Promise<StateStore | 'retry' | 'denied'> {
  let reply: Reply;
  try {
    reply = await post(new URL('stores', base), { kind: r.kind, computerName: r.computerName, macAddresses: r.macAddresses, account });
  } catch {
    return 'retry';
  }
  if (reply.status === 200) return parseStore(base, reply.body);
  if (reply.status === 401 || reply.status === 403) return 'denied';
  if (reply.status === 404 && r.kind === 'restore') throw new TaskseqError('unsupported', `state migration point ${base} holds no user state for ${r.computerName}`);
  if (reply.status === 503 || reply.status >= 500) return 'retry';
  throw new TaskseqError('unsupported', `state migration point ${base} refused the ${r.kind} request with HTTP ${reply.status}`);
}

export interface StateMigrationClient {
  requestStore(request: StateStoreRequest): Promise<StateStore>;
  releaseStore(id: string, kind: 'capture' | 'restore'): Promise<void>;
}

/** A client for the point at `baseUrl` (`http://smp01:8080/smp/`). */
export function createStateMigrationClient(baseUrl: string): StateMigrationClient {
  const base = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
  return {
    async requestStore(r) {
      let account = 'computer';
      for (let n = 0; n <= r.retryCount; n += 1) {
        if (n > 0) await wait(r.retrySeconds);
        let got = await attempt(base, r, account);
        if (got === 'denied' && r.fallbackToNetworkAccessAccount && account === 'computer') {
          account = 'network-access';
          got = await attempt(base, r, account);
        }
        if (got === 'denied') throw new TaskseqError('unsupported', `state migration point ${base} refused the ${account === 'computer' ? 'computer account (OSDStateFallbackToNAA is false)' : 'network access account'}`);
        if (got !== 'retry') return got;
      }
      throw new TaskseqError('unsupported', `state migration point ${base} did not provide a ${r.kind} store after ${r.retryCount + 1} attempt(s)`);
    },
    async releaseStore(id, kind) {
      let reply: Reply;
      try {
        reply = await post(new URL(`stores/${encodeURIComponent(id)}/release`, base), { kind });
      } catch (e) {
        throw new TaskseqError('unsupported', `state migration point ${base} cannot be reached to release store ${id}: ${(e as Error).message}`);
      }
      if (reply.status !== 204 && reply.status !== 200) throw new TaskseqError('unsupported', `state migration point ${base} refused to release store ${id} (HTTP ${reply.status})`);
    },
  };
}

/** Used when the run names no state migration point. */
export const NO_STATE_MIGRATION_POINT: StateMigrationClient = {
  requestStore: async () => { throw new TaskseqError('unsupported', 'no state migration point is configured: run with --state-migration-point <url>'); },
  releaseStore: async () => { throw new TaskseqError('unsupported', 'no state migration point is configured: run with --state-migration-point <url>'); },
};
