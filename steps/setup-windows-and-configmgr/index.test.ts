import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createFakeContext } from '../test-support/fake-context.ts';
import { createWindowsFake, installation } from '../test-support/windows-fake.ts';
import { createVolumesFake } from '../test-support/image-step-fakes.ts';
import { ANSWER_FILE_PATH, type WindowsInstallation } from '../../engine/step-api.ts';
import { setupWindowsStep } from './index.ts';

const ANSWER = '<unattend xmlns="urn:schemas-microsoft-com:unattend"><settings pass="specialize"><component name="Microsoft-Windows-Shell-Setup"><ComputerName>%OSDComputerName%</ComputerName></component></settings><settings pass="oobeSystem"><component name="Microsoft-Windows-Shell-Setup"><UserAccounts><AdministratorPassword><Value>%AdminPw%</Value></AdministratorPassword></UserAccounts></component></settings></unattend>';

function setup(w: WindowsInstallation = installation('C:'), o: { inWinPE?: boolean; target?: string; answer?: string } = {}) {
  const windows = createWindowsFake([w]);
  const volumes = createVolumesFake({ 'C:': 1e12 });
  if (o.answer !== undefined) volumes.files.set(`C:|${ANSWER_FILE_PATH}`, o.answer);
  const f = createFakeContext({
    environment: { inWinPE: o.inWinPE ?? true }, windows: windows.port, volumes: volumes.port,
    globals: { ...(o.target !== '' ? { OSDTargetSystemDrive: o.target ?? 'C:' } : {}), OSDComputerName: 'PC-0001' },
    secretGlobals: { AdminPw: 'Secret-Admin-1' },
    node: { type: 'SMS_TaskSequence_SetupWindowsAndSMSAction', defaultVarList: [
      { name: '_SMSClientPackageID', property: 'ClientPackageID', value: 'LAB00002' },
      { name: 'SMSClientInstallProperties', property: 'ClientInstallProperties', value: 'SMSMP=cm01 FSP=cm02' },
    ] },
  });
  return { f, windows, volumes };
}

test('substitutes the answer file, stages the client, installs the resume hook and restarts into the new Windows', async () => {
  const { f, windows, volumes } = setup(undefined, { answer: ANSWER });
  const r = await setupWindowsStep.run(f.ctx);
  assert.equal(r.exitCode, 0, r.message);
  const written = volumes.files.get(`C:|${ANSWER_FILE_PATH}`)!;
  assert.match(written, /<ComputerName>PC-0001<\/ComputerName>/);
  assert.match(written, /<Value>Secret-Admin-1<\/Value>/, 'the secret goes into the target volume only');
  assert.deepEqual(windows.staged, [{ drive: 'C:', packageId: 'LAB00002', installProperties: 'SMSMP=cm01 FSP=cm02' }]);
  assert.deepEqual(windows.hooks, ['C:']);
  assert.deepEqual(f.reboots, [{ target: 'HD' }]);
  assert.match(f.logText(), /Substituted 2 variable\(s\) in the answer file: OSDComputerName, AdminPw \(secret values written only to the target volume\)/);
  assert.ok(!f.logText().includes('Secret-Admin-1'));
});

test('without an answer file a minimal one is written, and the step says so', async () => {
  const { f, volumes } = setup();
  assert.equal((await setupWindowsStep.run(f.ctx)).exitCode, 0);
  assert.match(volumes.files.get(`C:|${ANSWER_FILE_PATH}`)!, /<unattend xmlns="urn:schemas-microsoft-com:unattend">/);
  assert.match(f.logText(), /does not exist \(Apply Operating System Image writes it\); using a minimal answer file/);
});

const refusals: Array<[string, Parameters<typeof setup>, number, RegExp]> = [
  ['not in Windows PE', [installation('C:'), { inWinPE: false }], 50, /starts only in Windows PE/],
  ['no target drive', [installation('C:'), { target: '' }], 87, /OSDTargetSystemDrive is not set/],
  ['no Windows on the target', [installation('C:'), { target: 'E:' }], 87, /E: \(OSDTargetSystemDrive\) holds no Windows installation/],
  ['a custom SetupComplete.cmd in the image', [installation('C:', { setupComplete: 'custom' })], 50, /has its own C:\\Windows\\Setup\\Scripts\\SetupComplete\.cmd; .*would not continue/],
  ['an OEM key on a Professional image', [installation('C:', { oemProductKey: true, editionId: 'Professional' })], 50, /OEM product key; Windows Setup does not run SetupComplete\.cmd/],
];
for (const [name, args, code, message] of refusals) {
  test(`refused before anything changes: ${name}`, async () => {
    const { f, windows, volumes } = setup(...args);
    const r = await setupWindowsStep.run(f.ctx);
    assert.equal(r.exitCode, code);
    assert.match(r.message ?? '', message);
    assert.deepEqual([windows.staged, windows.hooks, f.reboots, [...volumes.files.keys()]], [[], [], [], []]);
  });
}

test('an OEM key on an Enterprise image is fine: Setup still runs SetupComplete.cmd there', async () => {
  const { f } = setup(installation('C:', { oemProductKey: true }));
  assert.equal((await setupWindowsStep.run(f.ctx)).exitCode, 0);
});

test('secret install properties reach the client but are neither recorded nor logged', async () => {
  const { f, windows } = setup();
  f.store.set('SMSClientInstallProperties', 'SMSMP=cm01 PW=Hidden-9', { writer: 'engine', secret: true });
  assert.equal((await setupWindowsStep.run(f.ctx)).exitCode, 0);
  assert.equal(windows.staged[0].installProperties, '');
  assert.ok(!f.logText().includes('Hidden-9'));
});

test('UsePreProdClient stages the pre-production client package instead', async () => {
  const { f, windows } = setup();
  f.store.setLocals([
    { name: '_SMSClientPackageID', value: 'LAB00002' }, { name: 'UsePreProdClient', value: 'true' }, { name: 'PreProdPackageID', value: 'LAB00003' },
  ]);
  assert.equal((await setupWindowsStep.run(f.ctx)).exitCode, 0);
  assert.equal(windows.staged[0].packageId, 'LAB00003');
  assert.match(f.logText(), /from package LAB00003 \(pre-production\)/);
});
