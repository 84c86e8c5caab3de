import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { it } from 'node:test';
import { newEndpoint } from './endpoint.ts';
import { TSENV_ENDPOINT_VARIABLE } from './protocol.ts';
import { startTsEnvBridge } from './start-bridge.ts';

it('names a fresh named pipe on Windows and a socket in the given folder elsewhere', () => {
  assert.match(newEndpoint('win32'), /^\\\\\.\\pipe\\taskseq-tsenv-[0-9a-f]{24}$/);
  assert.match(newEndpoint('linux', '/tmp/x'), /^\/tmp\/x\/taskseq-tsenv-[0-9a-f]{24}\.sock$/);
  assert.notEqual(newEndpoint('win32'), newEndpoint('win32'));
});

it('listens on a fresh socket in the temporary folder by default, and removes it at the end', async () => {
  const bridge = await startTsEnvBridge({ variables: [] });
  const endpoint = bridge.env[TSENV_ENDPOINT_VARIABLE]!;
  assert.ok(endpoint.startsWith(tmpdir()), endpoint);
  assert.equal(existsSync(endpoint), true);
  assert.deepEqual(await bridge.end(), { setVariables: {}, warnings: [] });
  assert.equal(existsSync(endpoint), false);
});
