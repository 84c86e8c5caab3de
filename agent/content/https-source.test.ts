/** HTTPS deployment sources: verified against the CA bundle given, never without it, and a refusal is not retried. */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hasNginx, startNginx, type Nginx } from '../../test/support/nginx.ts';
import { startFaultProxy, type FaultProxy } from '../../test/support/fault-proxy.ts';
import { createTestPki, type TestPki } from '../../test/support/test-ca.ts';
import { createContentResolver } from './content-resolver.ts';
import { sourceRoot, writePackage } from './test-support/source-fixtures.ts';

const skip = hasNginx() ? false : 'nginx is not installed';
const root = sourceRoot();
const manifests = [writePackage(root, 'LAB00020', { 'setup.cmd': 'echo setup\n' })];
let pki: TestPki;
let nginx: Nginx;
let counter: FaultProxy;

before(async () => {
  if (skip) return;
  pki = createTestPki();
  nginx = await startNginx({ root, tls: { cert: pki.serverCert, key: pki.serverKey } });
  counter = await startFaultProxy(nginx.port, { raw: true });
});
after(async () => {
  await counter?.close();
  await nginx?.stop();
});

const cache = () => mkdtempSync(join(tmpdir(), 'taskseq-cache-'));

test('an HTTPS source signed by the given CA works', { skip }, async () => {
  const r = createContentResolver({ cacheDir: cache(), sources: [nginx.url], manifests, ca: pki.caPem(), retry: { count: 2, delayMs: 0 } });
  await r.stage(['LAB00020']);
  assert.equal(readFileSync(join(r.port.resolve('LAB00020')!, 'setup.cmd'), 'utf8'), 'echo setup\n');
});

test('a server the CA bundle does not vouch for is refused at once: no retries', { skip }, async () => {
  const url = counter.url.replace('http:', 'https:');
  for (const ca of [readFileSync(pki.otherCaCert, 'utf8'), undefined]) {
    counter.connections = 0;
    const r = createContentResolver({ cacheDir: cache(), sources: [url], manifests, ca, retry: { count: 3, delayMs: 0 } });
    await assert.rejects(r.stage(['LAB00020']), (e: Error) => {
      assert.match(e.message, /package LAB00020 file setup\.cmd: no deployment source delivered it/);
      assert.match(e.message, /TLS\/certificate failure.*check --ca-bundle/);
      return true;
    });
    assert.equal(counter.connections, 1, 'one connection, no retry');
  }
});
