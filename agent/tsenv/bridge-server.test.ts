import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { registerSecretNames, VariableError, VariableStore } from '../../variables/index.ts';
import { TSENV_ENDPOINT_VARIABLE, TSENV_TOKEN_VARIABLE } from './protocol.ts';
import { startTsEnvBridge, type TsEnvBridge } from './start-bridge.ts';
import { TsEnvTestClient } from './test-support/tsenv-client.ts';

registerSecretNames(['OSDJoinPassword']);

const RUN_VARIABLES = [
  { name: 'OSDComputerName', value: 'PC01', secret: false },
  { name: '_SMSTSLogPath', value: 'X:\\Windows\\Temp\\SMSTSLog', secret: false },
  { name: 'DomainAdminPassword', value: 's3cret!', secret: true },
];

let folder: string;
before(() => {
  folder = mkdtempSync(join(tmpdir(), 'tsenv-'));
});
after(() => rmSync(folder, { recursive: true, force: true }));

interface Started {
  bridge: TsEnvBridge;
  endpoint: string;
  token: string;
  logged: string[];
}

let count = 0;
async function start(): Promise<Started> {
  const logged: string[] = [];
  const endpoint = join(folder, `b${++count}.sock`);
  const bridge = await startTsEnvBridge({ variables: RUN_VARIABLES, endpoint, log: (severity, message) => logged.push(`${severity}: ${message}`) });
  return { bridge, endpoint, token: bridge.env[TSENV_TOKEN_VARIABLE]!, logged };
}

/** The message the engine's own store gives for `name`. */
function engineRefusal(name: string, value: string): string {
  try {
    new VariableStore().set(name, value);
  } catch (e) {
    if (e instanceof VariableError) return e.message;
  }
  throw new Error(`the store accepted ${name}`);
}

describe('the task sequence environment bridge', () => {
  for (const mode of ['split', 'duplex'] as const) {
    it(`answers get, set and list, and a write is visible to the next read (${mode} connections)`, async () => {
      const { bridge, endpoint, token } = await start();
      const client = await TsEnvTestClient.connect(endpoint, token, mode);
      assert.deepEqual(await client.request({ op: 'get', name: 'osdcomputername' }), { id: 1, ok: true, value: 'PC01', secret: false });
      assert.deepEqual(await client.request({ op: 'get', name: 'NotSet' }), { id: 2, ok: true, value: '', secret: false });
      assert.deepEqual(await client.request({ op: 'set', name: 'OSDComputerName', value: 'PC02' }), { id: 3, ok: true });
      assert.deepEqual(await client.request({ op: 'get', name: 'OSDComputerName' }), { id: 4, ok: true, value: 'PC02', secret: false });
      assert.deepEqual(await client.request({ op: 'set', name: 'MyWide', value: 'Grüße ✓' }), { id: 5, ok: true });
      assert.deepEqual(await client.request({ op: 'get', name: 'MyWide' }), { id: 6, ok: true, value: 'Grüße ✓', secret: false });
      assert.deepEqual(await client.request({ op: 'list' }), { id: 7, ok: true, names: ['_SMSTSLogPath', 'DomainAdminPassword', 'MyWide', 'OSDComputerName'] });
      client.close();
      assert.deepEqual(await bridge.end(), { setVariables: { OSDComputerName: 'PC02', MyWide: 'Grüße ✓' }, warnings: [] });
    });
  }

  it('writes every non-ASCII character as an escape, so the line is ASCII', async () => {
    const { bridge, endpoint, token } = await start();
    const client = await TsEnvTestClient.connect(endpoint, token, 'duplex');
    await client.request({ op: 'set', name: 'Wide', value: 'é\u2028' });
    client.reader.socket.write(`{"token":"${token}","op":"get","name":"Wide"}\n`);
    assert.equal(await client.reader.nextRaw(), '{"ok":true,"value":"\\u00e9\\u2028","secret":false}');
    client.close();
    await bridge.end();
  });

  it('refuses a read-only name with the engine\'s message and reports it when the command ends', async () => {
    const { bridge, endpoint, token, logged } = await start();
    const client = await TsEnvTestClient.connect(endpoint, token);
    const message = engineRefusal('_SMSTSLogPath', 'C:\\x');
    assert.deepEqual(await client.request({ op: 'set', name: '_SMSTSLogPath', value: 'C:\\x' }), { id: 1, ok: false, error: message });
    assert.deepEqual(await client.request({ op: 'set', name: 'bad name', value: 'x' }), { id: 2, ok: false, error: engineRefusal('bad name', 'x') });
    assert.deepEqual(await client.request({ op: 'get', name: '_SMSTSLogPath' }), { id: 3, ok: true, value: 'X:\\Windows\\Temp\\SMSTSLog', secret: false });
    client.close();
    const writes = await bridge.end();
    assert.deepEqual(writes.setVariables, {});
    assert.deepEqual(writes.warnings, [`the command's script could not set _SMSTSLogPath: ${message}`, `the command's script could not set bad name: ${engineRefusal('bad name', 'x')}`]);
    assert.ok(logged.includes(`warning: The command's script could not set _SMSTSLogPath: ${message}`), logged.join('\n'));
  });

  it('marks secrets: a secret of the run, a secret name, a value that holds a secret; deleting is a write', async () => {
    const { bridge, endpoint, token } = await start();
    const client = await TsEnvTestClient.connect(endpoint, token);
    assert.deepEqual(await client.request({ op: 'get', name: 'DomainAdminPassword' }), { id: 1, ok: true, value: 's3cret!', secret: true });
    await client.request({ op: 'set', name: 'DomainAdminPassword', value: 'other' });
    assert.deepEqual(await client.request({ op: 'get', name: 'DomainAdminPassword' }), { id: 3, ok: true, value: 'other', secret: true });
    await client.request({ op: 'set', name: 'OSDJoinPassword', value: 'pw' });
    assert.deepEqual(await client.request({ op: 'get', name: 'OSDJoinPassword' }), { id: 5, ok: true, value: 'pw', secret: true });
    await client.request({ op: 'set', name: 'Copy', value: 'is s3cret!' });
    assert.deepEqual(await client.request({ op: 'get', name: 'Copy' }), { id: 7, ok: true, value: 'is s3cret!', secret: true });
    await client.request({ op: 'set', name: 'OSDComputerName', value: '' });
    client.close();
    assert.deepEqual((await bridge.end()).setVariables, { DomainAdminPassword: 'other', OSDJoinPassword: 'pw', Copy: 'is s3cret!', OSDComputerName: '' });
  });

  it('refuses a wrong token and ends that connection, without logging either token', async () => {
    const { bridge, endpoint, token, logged } = await start();
    const client = await TsEnvTestClient.connect(endpoint, token);
    const line = JSON.stringify({ token: 'f'.repeat(64), id: 9, op: 'get', name: 'DomainAdminPassword' });
    const { answer, closedAfter } = await client.sendUntilHungUp(line);
    assert.deepEqual(answer, { id: 9, ok: false, error: "refused: the token is not this command's" });
    assert.equal(closedAfter, true);
    const aimed = JSON.stringify({ token: 'short', id: 10, channel: client.channel, op: 'get', name: 'DomainAdminPassword' });
    assert.deepEqual((await client.sendUntilHungUp(aimed)).answer, { id: 10, ok: false, error: "refused: the token is not this command's" });
    assert.deepEqual(await client.request({ op: 'get', name: 'OSDComputerName' }), { id: 1, ok: true, value: 'PC01', secret: false }, 'nothing reached the channel a refused request named');
    assert.ok(logged.every((l) => !l.includes(token) && !l.includes('ffff')), logged.join('\n'));
    assert.ok(logged.includes('warning: A request to the task sequence environment carried a wrong token; it was refused'));
    await bridge.end();
  });

  it('answers a malformed line with an error and keeps serving', async () => {
    const { bridge, endpoint, token } = await start();
    const client = await TsEnvTestClient.connect(endpoint, token, 'duplex');
    assert.deepEqual(await client.sendLine('not json'), { ok: false, error: 'the request is not a JSON object on one line' });
    assert.deepEqual(await client.sendLine('[1]'), { ok: false, error: 'the request is not a JSON object on one line' });
    assert.deepEqual(await client.sendLine(`{"token":"${token}","id":4,"op":"remove"}`), { id: 4, ok: false, error: 'unknown operation "remove" (get, set, list, progress)' });
    assert.deepEqual(await client.sendLine(`{"token":"${token}","id":5,"op":"set","name":"X"}`), { id: 5, ok: false, error: '"set" needs a string "value"' });
    assert.deepEqual(await client.sendLine(`{"token":"${token}","id":6,"op":"get","name":"X","channel":"nope"}`), { id: 6, ok: false, error: 'no open connection has channel nope' });
    assert.deepEqual(await client.sendLine(`{"id":"x"}`), { ok: false, error: '"id" must be an integer' });
    assert.deepEqual(await client.request({ op: 'get', name: 'OSDComputerName' }), { id: 1, ok: true, value: 'PC01', secret: false });
    const long = await client.sendUntilHungUp(`{"token":"${'x'.repeat(70 * 1024)}`);
    assert.deepEqual(long, { answer: { ok: false, error: 'a request line is at most 65536 characters' }, closedAfter: true });
    assert.deepEqual(await client.request({ op: 'get', name: 'OSDComputerName' }), { id: 2, ok: true, value: 'PC01', secret: false });
    client.close();
    await bridge.end();
  });

  it('keeps serving when clients vanish in the middle of a request', async () => {
    const { bridge, endpoint, token } = await start();
    for (let i = 0; i < 5; i++) {
      const gone = connect(endpoint);
      gone.on('error', () => {});
      // Sent and gone: the answers go to a connection that no longer reads.
      gone.end(`{"token":"${token}","op":"list"}\n{"token":"${token}","op":"get","name":"OSDComputerName"}\n`, () => gone.destroy());
    }
    const client = await TsEnvTestClient.connect(endpoint, token, 'duplex');
    assert.deepEqual(await client.request({ op: 'get', name: 'OSDComputerName' }), { id: 1, ok: true, value: 'PC01', secret: false });
    client.close();
    await bridge.end();
  });

  it('logs and acknowledges progress calls, secrets masked, and refuses a method the class lacks', async () => {
    const { bridge, endpoint, token, logged } = await start();
    const client = await TsEnvTestClient.connect(endpoint, token);
    assert.deepEqual(await client.request({ op: 'progress', method: 'CloseProgressDialog', args: [] }), { id: 1, ok: true });
    assert.deepEqual(await client.request({ op: 'progress', method: 'ShowMessage', args: ['pw is s3cret!', 'Title', '0'] }), { id: 2, ok: true });
    assert.deepEqual(await client.request({ op: 'progress', method: 'Explode', args: [] }), { id: 3, ok: false, error: 'Microsoft.SMS.TsProgressUI has no method Explode' });
    client.close();
    await bridge.end();
    assert.deepEqual(logged, [
      'info: The command\'s script called Microsoft.SMS.TsProgressUI.CloseProgressDialog(); there is no progress window, the call is acknowledged',
      'info: The command\'s script called Microsoft.SMS.TsProgressUI.ShowMessage("pw is ********", "Title", "0"); there is no progress window, the call is acknowledged',
    ]);
  });

  it('ends every connection and stops listening when the command ends; the environment variables name it', async () => {
    const { bridge, endpoint, token } = await start();
    assert.deepEqual(bridge.env, { [TSENV_ENDPOINT_VARIABLE]: endpoint, [TSENV_TOKEN_VARIABLE]: token });
    assert.match(token, /^[0-9a-f]{64}$/);
    assert.deepEqual(bridge.secrets, [token]);
    const client = await TsEnvTestClient.connect(endpoint, token);
    await client.request({ op: 'set', name: 'Late', value: '1' });
    const first = bridge.end();
    assert.equal(bridge.end(), first, 'ending twice is one end');
    assert.deepEqual((await first).setVariables, { Late: '1' });
    assert.equal(await client.closedByServer(), true);
    assert.equal(existsSync(endpoint), false, 'the socket is removed');
    const refused = await new Promise<string>((resolve) => connect(endpoint).once('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? '')).once('connect', () => resolve('connected')));
    assert.notEqual(refused, 'connected');
  });
});
