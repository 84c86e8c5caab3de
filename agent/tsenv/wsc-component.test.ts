import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SaxesParser } from 'saxes';
import { registerSecretNames, VariableError, VariableStore } from '../../variables/index.ts';
import { COM_CLASSES, TS_ENVIRONMENT, TS_PROGRESS_UI } from './com-classes.ts';
import { CommandEnvironment } from './command-environment.ts';
import { TSENV_ENDPOINT_VARIABLE, TSENV_TOKEN_VARIABLE } from './protocol.ts';
import { loadScript, scriptOf, type FakeHostOptions } from './test-support/fake-script-host.ts';
import { assertGolden } from './test-support/golden.ts';
import { renderScriptComponent } from './wsc-component.ts';

registerSecretNames(['OSDJoinPassword']);

const ENDPOINT = '\\\\.\\pipe\\taskseq-tsenv-test';
const TOKEN = 'a'.repeat(64);

function host(cls = TS_ENVIRONMENT, extra: Partial<FakeHostOptions> = {}) {
  const environment = new CommandEnvironment([
    { name: 'OSDComputerName', value: 'PC01', secret: false },
    { name: '_SMSTSInWinPE', value: 'true', secret: false },
  ]);
  const options: FakeHostOptions = {
    endpoint: ENDPOINT,
    token: TOKEN,
    environment,
    processEnv: { [TSENV_ENDPOINT_VARIABLE]: ENDPOINT, [TSENV_TOKEN_VARIABLE]: TOKEN },
    ...extra,
  };
  return { environment, script: loadScript(scriptOf(renderScriptComponent(cls)), options) };
}

describe('the script components', () => {
  for (const cls of COM_CLASSES) {
    it(`${cls.progId}: the generated component (golden), well-formed XML`, () => {
      const text = renderScriptComponent(cls);
      assertGolden(cls.fileName, text);
      const parser = new SaxesParser();
      const elements: string[] = [];
      parser.on('opentag', (t) => elements.push(t.name));
      parser.write(text).close();
      assert.deepEqual(elements.slice(0, 3), ['component', 'registration', 'public']);
    });
  }

  it('TSEnvironment: Value get and put through the bridge, a write seen by the next read, GetVariables', () => {
    const { environment, script } = host();
    assert.equal(script.call('get_Value', 'osdcomputername'), 'PC01');
    script.call('put_Value', 'OSDComputerName', 'Grüße-PC');
    assert.equal(script.call('get_Value', 'OSDComputerName'), 'Grüße-PC');
    script.call('put_Value', 'OSDJoinPassword', 'p"w\\1');
    assert.equal(script.call('get_Value', 'OSDJoinPassword'), 'p"w\\1');
    assert.equal(script.call('get_Value', 'Missing'), '');
    assert.deepEqual(script.call('GetVariables'), ['_SMSTSInWinPE', 'OSDComputerName', 'OSDJoinPassword']);
    assert.deepEqual(environment.writes().setVariables, { OSDComputerName: 'Grüße-PC', OSDJoinPassword: 'p"w\\1' });
    assert.equal(environment.get('OSDJoinPassword').secret, true);
    assert.deepEqual(script.opened, [1, 2, 2, 2, 2, 2, 2, 2], 'one reading stream, one writing stream per request');
    assert.ok(script.written.every((l) => /^[\x20-\x7e]*$/.test(l)), 'requests are ASCII');
    assert.ok(script.written.every((l) => l.includes(`"token":"${TOKEN}"`) && l.includes('"channel":"c1"')));
  });

  it('TSEnvironment: a read-only name throws the engine\'s message to the script', () => {
    const { script } = host();
    let expected = '';
    try {
      new VariableStore().set('_SMSTSInWinPE', 'false');
    } catch (e) {
      if (e instanceof VariableError) expected = e.message;
    }
    assert.throws(() => script.call('put_Value', '_SMSTSInWinPE', 'false'), (e: Error) => e.message === expected);
    assert.equal(script.call('get_Value', '_SMSTSInWinPE'), 'true', 'the object keeps working after a refusal');
  });

  it('throws when the process was not started by a step, and when the agent answers with another token', () => {
    const outside = host(TS_ENVIRONMENT, { processEnv: {} });
    assert.throws(() => outside.script.call('get_Value', 'X'), /not started by a task sequence step/);
    const wrong = host(TS_ENVIRONMENT, { processEnv: { [TSENV_ENDPOINT_VARIABLE]: ENDPOINT, [TSENV_TOKEN_VARIABLE]: 'b'.repeat(64) } });
    assert.throws(() => wrong.script.call('get_Value', 'X'), /nothing was answered/, 'a refused token gets no answer on the channel');
  });

  it('appends when the pipe refuses to open for writing', () => {
    const { script } = host(TS_ENVIRONMENT, { refusedModes: [2] });
    assert.equal(script.call('get_Value', 'OSDComputerName'), 'PC01');
    assert.deepEqual(script.opened, [1, 2, 8]);
  });

  it('TsProgressUI: every method forwards its arguments as text and is acknowledged', () => {
    const { script } = host(TS_PROGRESS_UI);
    script.call('CloseProgressDialog');
    script.call('ShowActionProgress', 'Org', 'TS', '', 'Step', 3, 10, 'Running', 50, 100);
    for (const m of TS_PROGRESS_UI.members.map((x) => x.name)) script.call(m, 'x');
    assert.equal(script.logged.length, 2 + TS_PROGRESS_UI.members.length);
    assert.equal(script.logged[1], 'info: The command\'s script called Microsoft.SMS.TsProgressUI.ShowActionProgress("Org", "TS", "", "Step", "3", "10", "Running", "50", "100"); there is no progress window, the call is acknowledged');
  });
});
