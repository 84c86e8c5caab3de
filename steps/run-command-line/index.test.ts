import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createFakeContext, defaults } from '../test-support/fake-context.ts';
import { createUnknownStepModule, runCommandLineStep } from './index.ts';

const RCL = 'SMS_TaskSequence_RunCommandLineAction';
const ok = (output = '') => ({ exitCode: 0, output });

function rcl(options: Parameters<typeof defaults>[0], action?: string) {
  return { type: RCL, ...(action !== undefined ? { action } : {}), defaultVarList: defaults(options) };
}

test('CommandLine option wins over the action and is expanded', async () => {
  const f = createFakeContext({
    node: rcl({ CommandLine: 'cmd.exe /c echo %Greeting%' }, 'smsswd.exe /run: cmd.exe /c echo old'),
    globals: { Greeting: 'hello' },
    commands: [{ match: 'cmd.exe /c echo hello', result: { exitCode: 3010, output: 'hello\r\n' } }],
  });
  const r = await runCommandLineStep.run(f.ctx);
  assert.equal(r.exitCode, 3010);
  assert.equal(r.output, 'hello\r\n');
  assert.equal(f.requests[0].kind, 'command-line');
  assert.equal(f.requests[0].secret, false);
  assert.equal(f.requests[0].packageId, undefined);
  assert.match(f.logText(), /Executing command line: cmd\.exe \/c echo hello/);
});

test('without CommandLine the action runs with the smsswd wrapper removed', async () => {
  const f = createFakeContext({
    node: rcl({}, 'smsswd.exe /run: cmd.exe /c EXIT 253'),
    commands: [{ match: 'cmd.exe /c EXIT 253', result: { exitCode: 253, output: '' } }],
  });
  assert.equal((await runCommandLineStep.run(f.ctx)).exitCode, 253);
});

test('package from the PackageID option resolves to the package folder', async () => {
  const f = createFakeContext({
    node: rcl({ CommandLine: 'setup.exe /q', PackageID: 'LAB00012' }),
    packages: { LAB00012: 'D:\\SMS\\PKG\\LAB00012' },
    commands: [{ match: 'setup.exe /q', result: ok() }],
  });
  await runCommandLineStep.run(f.ctx);
  assert.equal(f.requests[0].packageId, 'LAB00012');
  assert.equal(f.requests[0].packagePath, 'D:\\SMS\\PKG\\LAB00012');
});

test('package from /run:<id> in the action', async () => {
  const f = createFakeContext({
    node: rcl({}, 'smsswd.exe /run:LAB0012F reg import ".\\Config.reg"'),
    packages: { LAB0012F: 'D:\\pkg\\LAB0012F' },
    commands: [{ match: 'reg import ".\\Config.reg"', result: ok() }],
  });
  assert.equal((await runCommandLineStep.run(f.ctx)).exitCode, 0);
  assert.equal(f.requests[0].packagePath, 'D:\\pkg\\LAB0012F');
});

test('a missing package fails before running and names the package', async () => {
  const f = createFakeContext({
    node: rcl({ CommandLine: 'setup.exe', PackageID: 'LAB00099' }),
    packages: { LAB00012: 'D:\\pkg\\LAB00012' },
  });
  const r = await runCommandLineStep.run(f.ctx);
  assert.notEqual(r.exitCode, 0);
  assert.match(r.message ?? '', /LAB00099 is not available.*LAB00012/);
  assert.equal(f.requests.length, 0);
});

test('no command line at all fails with a clear message', async () => {
  const f = createFakeContext({ node: rcl({}) });
  const r = await runCommandLineStep.run(f.ctx);
  assert.equal(r.exitCode, 87);
  assert.match(r.message ?? '', /no command line/);
});

test('working folder from WorkingDirectory (expanded) or MDT startIn', async () => {
  const a = createFakeContext({
    node: rcl({ CommandLine: 'x.exe', WorkingDirectory: '%OSDisk%\\Temp' }),
    globals: { OSDisk: 'C:' },
    commands: [{ match: 'x.exe', result: ok() }],
  });
  await runCommandLineStep.run(a.ctx);
  assert.equal(a.requests[0].workingDirectory, 'C:\\Temp');
  const b = createFakeContext({
    node: { action: 'cscript.exe x.wsf', startIn: '%ScriptRoot%' },
    globals: { ScriptRoot: 'Z:\\Scripts' },
    commands: [{ match: 'cscript.exe x.wsf', result: ok() }],
  });
  await runCommandLineStep.run(b.ctx);
  assert.equal(b.requests[0].workingDirectory, 'Z:\\Scripts');
});

test('step timeout becomes timeoutMs, and a timeout becomes exit code 1460', async () => {
  const f = createFakeContext({
    node: rcl({ CommandLine: 'sleep.exe' }),
    timeoutSeconds: 900,
    commands: [{ match: 'sleep.exe', result: { exitCode: -1, output: 'partial', timedOut: true } }],
  });
  const r = await runCommandLineStep.run(f.ctx);
  assert.equal(f.requests[0].timeoutMs, 900_000);
  assert.equal(r.exitCode, 1460);
  assert.equal(r.message, 'timed out after 900 s');
});

test('output variable receives the last 1000 characters', async () => {
  const output = 'A'.repeat(500) + 'B'.repeat(1000);
  const f = createFakeContext({
    node: rcl({ CommandLine: 'dump.exe', OutputVariableName: ['SMSTSRunCommandLineOutputVariableName', 'DumpOut'] }),
    commands: [{ match: 'dump.exe', result: { exitCode: 0, output } }],
  });
  await runCommandLineStep.run(f.ctx);
  assert.equal(f.store.get('DumpOut'), 'B'.repeat(1000));
});

test('short output is stored whole; a global output variable name applies too', async () => {
  const f = createFakeContext({
    node: rcl({ CommandLine: 'hostname.exe' }),
    globals: { SMSTSRunCommandLineOutputVariableName: 'HostOut' },
    commands: [{ match: 'hostname.exe', result: ok('LAB-01\r\n') }],
  });
  await runCommandLineStep.run(f.ctx);
  assert.equal(f.store.get('HostOut'), 'LAB-01\r\n');
});

test('variables set by the command are applied', async () => {
  const f = createFakeContext({
    node: rcl({ CommandLine: 'cscript.exe gather.vbs' }),
    commands: [{ match: /gather/, result: { exitCode: 0, output: '', setVariables: { IsLaptop: 'True', Model: 'X1' } } }],
  });
  assert.equal((await runCommandLineStep.run(f.ctx)).exitCode, 0);
  assert.equal(f.store.get('IsLaptop'), 'True');
  assert.equal(f.store.get('Model'), 'X1');
});

test('a command setting a _ variable fails the step naming the variable', async () => {
  const f = createFakeContext({
    node: rcl({ CommandLine: 'evil.exe' }),
    commands: [{ match: 'evil.exe', result: { exitCode: 0, output: '', setVariables: { _SMSTSInWinPE: 'false' } } }],
  });
  const r = await runCommandLineStep.run(f.ctx);
  assert.equal(r.exitCode, 5);
  assert.match(r.message ?? '', /_SMSTSInWinPE/);
  assert.equal(f.store.get('_SMSTSInWinPE'), undefined);
});

test('backend warnings are logged as warnings', async () => {
  const f = createFakeContext({
    node: rcl({ CommandLine: 'x.exe' }),
    commands: [{ match: 'x.exe', result: { exitCode: 0, output: '', warnings: ['command not scripted; assumed success'] } }],
  });
  await runCommandLineStep.run(f.ctx);
  assert.ok(f.logs.some((l) => l.severity === 'warning' && l.message === 'command not scripted; assumed success'));
});

test('a secret in the command line is passed as secret and never logged', async () => {
  const f = createFakeContext({
    node: rcl({ CommandLine: 'net use Z: \\\\srv\\share /user:lab %SharePassword%' }),
    secretGlobals: { SharePassword: 'S3cr3t!' },
    commands: [{ match: /net use/, result: ok() }],
  });
  await runCommandLineStep.run(f.ctx);
  assert.equal(f.requests[0].secret, true);
  assert.match(f.requests[0].commandLine, /S3cr3t!/);
  assert.doesNotMatch(f.logText(), /S3cr3t!/);
  assert.doesNotMatch(f.logText(), /net use/);
});

test('OSDDoNotLogCommand=TRUE keeps the command line out of the log', async () => {
  const f = createFakeContext({
    node: rcl({ CommandLine: 'tool.exe --token abc' }),
    globals: { OSDDoNotLogCommand: 'TRUE' },
    commands: [{ match: 'tool.exe --token abc', result: ok() }],
  });
  await runCommandLineStep.run(f.ctx);
  assert.doesNotMatch(f.logText(), /tool\.exe/);
  assert.match(f.logText(), /OSDDoNotLogCommand/);
  assert.equal(f.requests[0].secret, true);
});

test('run as another account passes runAs in the full OS', async () => {
  const f = createFakeContext({
    node: rcl({
      CommandLine: 'whoami.exe',
      RunAsUser: ['_SMSTSRunCommandLineAsUser', 'true'],
      SMSTSRunCommandLineUserName: 'LAB\\svc',
      SMSTSRunCommandLineUserPassword: '',
    }),
    secretGlobals: { SMSTSRunCommandLineUserPassword: 'pw-123' },
    commands: [{ match: 'whoami.exe', result: ok() }],
  });
  assert.equal((await runCommandLineStep.run(f.ctx)).exitCode, 0);
  assert.deepEqual(f.requests[0].runAs, { user: 'LAB\\svc', password: 'pw-123' });
  assert.doesNotMatch(f.logText(), /pw-123/);
});

test('run as another account fails in Windows PE', async () => {
  const f = createFakeContext({
    node: rcl({ CommandLine: 'whoami.exe', RunAsUser: ['_SMSTSRunCommandLineAsUser', 'True'], UserName: 'LAB\\svc' }),
    environment: { inWinPE: true },
  });
  const r = await runCommandLineStep.run(f.ctx);
  assert.equal(r.exitCode, 50);
  assert.match(r.message ?? '', /not supported in Windows PE/);
  assert.equal(f.requests.length, 0);
});

test('SMSTSDisableWow64Redirection is passed on', async () => {
  const f = createFakeContext({
    node: rcl({ CommandLine: 'x.exe', DisableWow64Redirection: ['SMSTSDisableWow64Redirection', 'true'] }),
    commands: [{ match: 'x.exe', result: ok() }],
  });
  await runCommandLineStep.run(f.ctx);
  assert.equal(f.requests[0].disableWow64Redirection, true);
});

test('BDD_Gather runs its action; its PackageID option is not treated as content', async () => {
  const f = createFakeContext({
    node: {
      type: 'BDD_Gather',
      action: 'cscript.exe "%SCRIPTROOT%\\ZTIGather.wsf"',
      defaultVarList: defaults({ GatherLocalOnly: 'true', PackageID: 'MDT00001' }),
    },
    globals: { ScriptRoot: 'Z:\\Scripts' },
    commands: [{ match: 'cscript.exe "Z:\\Scripts\\ZTIGather.wsf"', result: ok() }],
  });
  assert.equal((await runCommandLineStep.run(f.ctx)).exitCode, 0);
  assert.equal(f.requests[0].packageId, undefined);
});

test('any step action runs (allow unknown steps)', async () => {
  const module = createUnknownStepModule('SMS_TaskSequence_PrepareSomethingAction');
  assert.deepEqual(module.manifest.types.map((t) => t.type), ['SMS_TaskSequence_PrepareSomethingAction']);
  const f = createFakeContext({
    node: { type: 'SMS_TaskSequence_PrepareSomethingAction', action: 'OSDPrepareSomething.exe /x', defaultVarList: defaults({ CommandLine: 'ignored.exe' }) },
    commands: [{ match: 'OSDPrepareSomething.exe /x', result: ok() }],
  });
  assert.equal((await module.run(f.ctx)).exitCode, 0);
  assert.equal((await runCommandLineStep.run(f.ctx)).exitCode, 0);
});
