import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createFakeContext, defaults } from '../test-support/fake-context.ts';
import { encodeSourceScript, renderInlineScriptPath, runPowerShellStep } from './index.ts';

const PS = 'SMS_TaskSequence_RunPowerShellScriptAction';
const SCRIPT = 'param($Name)\r\nWrite-Output "Hello $Name"\r\n';
const ok = (output = '') => ({ exitCode: 0, output });

function ps(options: Parameters<typeof defaults>[0]) {
  return { type: PS, action: 'OSDRunPowerShellScript.exe', defaultVarList: defaults(options) };
}

test('inline script: Base64 UTF-16LE source is decoded and written under smstspowershellscripts', async () => {
  const f = createFakeContext({
    node: ps({ SourceScript: ['OSDRunPowerShellScriptSourceScript', encodeSourceScript(SCRIPT)], ExecutionPolicy: 'Bypass' }),
    commands: [{ match: /^PowerShell\.exe /, result: ok('Hello') }],
  });
  const r = await runPowerShellStep.run(f.ctx);
  assert.equal(r.exitCode, 0);
  const req = f.requests[0];
  const path = renderInlineScriptPath(SCRIPT);
  assert.match(path, /^%windir%\\temp\\smstspowershellscripts\\[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}\.ps1$/);
  assert.equal(req.kind, 'powershell');
  assert.equal(req.commandLine, `PowerShell.exe -NoLogo -NonInteractive -NoProfile -ExecutionPolicy Bypass -File "${path}"`);
  assert.deepEqual(req.script, { fileName: path, source: SCRIPT, executionPolicy: 'Bypass' });
  assert.equal(req.packageId, undefined);
});

test('inline script name is stable for the same source and differs for another', () => {
  assert.equal(renderInlineScriptPath(SCRIPT), renderInlineScriptPath(SCRIPT));
  assert.notEqual(renderInlineScriptPath(SCRIPT), renderInlineScriptPath(SCRIPT + ' '));
});

test('package script runs from the package folder with parameters', async () => {
  const f = createFakeContext({
    node: ps({ PackageID: 'LAB00031', ScriptName: 'Set-Things.ps1', Parameters: '-Mode %Mode%', ExecutionPolicy: 'bypass' }),
    globals: { Mode: 'Fast', OSDLogPowerShellParameters: 'TRUE' },
    packages: { LAB00031: 'D:\\pkg\\LAB00031\\' },
    commands: [{ match: /Set-Things/, result: ok() }],
  });
  await runPowerShellStep.run(f.ctx);
  const req = f.requests[0];
  assert.equal(
    req.commandLine,
    'PowerShell.exe -NoLogo -NonInteractive -NoProfile -ExecutionPolicy Bypass -File "D:\\pkg\\LAB00031\\Set-Things.ps1" -Mode Fast',
  );
  assert.deepEqual(req.script, { fileName: 'Set-Things.ps1', parameters: '-Mode Fast', executionPolicy: 'Bypass' });
  assert.equal(req.packagePath, 'D:\\pkg\\LAB00031\\');
  assert.equal(req.secret, false);
  assert.match(f.logText(), /-Mode Fast/);
});

test('parameters are not logged unless OSDLogPowerShellParameters is TRUE', async () => {
  const f = createFakeContext({
    node: ps({ SourceScript: encodeSourceScript(SCRIPT), Parameters: '-Name Alice' }),
    commands: [{ match: /-Name Alice$/, result: ok() }],
  });
  await runPowerShellStep.run(f.ctx);
  assert.doesNotMatch(f.logText(), /Alice/);
  assert.match(f.logText(), /parameters not logged/);
  assert.equal(f.requests[0].secret, true);
  assert.match(f.requests[0].commandLine, /-ExecutionPolicy AllSigned /);
});

test('secret parameters stay out of the log even when parameters are logged', async () => {
  const f = createFakeContext({
    node: ps({ SourceScript: encodeSourceScript(SCRIPT), Parameters: '-Key %ApiKey%' }),
    globals: { OSDLogPowerShellParameters: 'true' },
    secretGlobals: { ApiKey: 'k-999' },
    commands: [{ match: /-Key k-999$/, result: ok() }],
  });
  await runPowerShellStep.run(f.ctx);
  assert.doesNotMatch(f.logText(), /k-999/);
  assert.equal(f.requests[0].secret, true);
});

test('a bad SourceScript fails the step at run time', async () => {
  const f = createFakeContext({ node: ps({ SourceScript: 'not base64!' }) });
  const r = await runPowerShellStep.run(f.ctx);
  assert.equal(r.exitCode, 87);
  assert.match(r.message ?? '', /Base64/);
});

test('a missing package fails and names it', async () => {
  const f = createFakeContext({ node: ps({ PackageID: 'LAB00077', ScriptName: 'x.ps1' }), packages: {} });
  const r = await runPowerShellStep.run(f.ctx);
  assert.match(r.message ?? '', /LAB00077/);
  assert.equal(f.requests.length, 0);
});

test('timeout, output variable and variables set by the script are handled like Run Command Line', async () => {
  const f = createFakeContext({
    node: ps({ SourceScript: encodeSourceScript(SCRIPT), OutputVariableName: ['OSDRunPowerShellScriptOutputVariableName', 'PsOut'] }),
    timeoutSeconds: 60,
    commands: [{ match: /PowerShell/, result: { exitCode: 0, output: 'x'.repeat(1200), timedOut: true, setVariables: { Done: 'yes' } } }],
  });
  const r = await runPowerShellStep.run(f.ctx);
  assert.equal(f.requests[0].timeoutMs, 60_000);
  assert.equal(r.exitCode, 1460);
  assert.equal(f.store.get('PsOut')?.length, 1000);
  assert.equal(f.store.get('Done'), 'yes');
});

test('working folder and run-as come from the PowerShell variables', async () => {
  const f = createFakeContext({
    node: ps({
      SourceScript: encodeSourceScript(SCRIPT),
      WorkingDirectory: ['SMSTSRunPowerShellWorkingDirectory', 'C:\\Work'],
      RunAsUser: ['_SMSTSRunPowerShellAsUser', 'true'],
      UserName: ['SMSTSRunPowerShellUserName', 'LAB\\ps'],
      UserPassword: ['SMSTSRunPowerShellUserPassword', 'pw-ps'],
    }),
    commands: [{ match: /PowerShell/, result: ok() }],
  });
  await runPowerShellStep.run(f.ctx);
  assert.equal(f.requests[0].workingDirectory, 'C:\\Work');
  assert.deepEqual(f.requests[0].runAs, { user: 'LAB\\ps', password: 'pw-ps' });
  assert.doesNotMatch(f.logText(), /pw-ps/);
});

test('run-as fails in Windows PE', async () => {
  const f = createFakeContext({
    node: ps({ SourceScript: encodeSourceScript(SCRIPT), RunAsUser: ['_SMSTSRunPowerShellAsUser', 'true'], UserName: 'LAB\\ps' }),
    environment: { inWinPE: true },
  });
  assert.equal((await runPowerShellStep.run(f.ctx)).exitCode, 50);
});
