import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createFakeContext, defaults } from '../test-support/fake-context.ts';
import { createDriversFake, driverInf } from '../test-support/drivers-fake.ts';
import { createWindowsFake, installation } from '../test-support/windows-fake.ts';
import { stepPackages } from '../../engine/step-api.ts';
import { applyDriverPackageStep, APPLY_DRIVER_PACKAGE_TYPE } from './index.ts';

const PACKAGE = [
  driverInf('DRV00001/audio/audio.inf', [['HDAUDIO\\FUNC_01&VEN_10EC']]),
  driverInf('DRV00001/lan.inf', [['PCI\\VEN_8086&DEV_1A1F']], { signed: false }),
];

function setup(options: Record<string, string | [string, string]>, globals: Record<string, string> = {}) {
  const fake = createDriversFake({ devices: [], packages: { DRV00001: PACKAGE } });
  const f = createFakeContext({
    node: { type: APPLY_DRIVER_PACKAGE_TYPE, defaultVarList: defaults(options) },
    environment: { inWinPE: true }, globals: { OSDTargetSystemDrive: 'C:', ...globals },
    drivers: fake.drivers, imaging: fake.imaging, windows: createWindowsFake([installation('C:')]).port,
  });
  return { f, fake, run: () => applyDriverPackageStep.run(f.ctx) };
}

const PKG: Record<string, [string, string]> = { DriverPackageID: ['OSDApplyDriverDriverPackageID', 'DRV00001'], UnsignedDriver: ['OSDAllowUnsignedDriver', 'true'] };

test('stages every driver of the package, with recurse the subfolders too; additional DISM options passed on', async () => {
  const s = setup({ ...PKG, Recurse: ['OSDRecurse', 'true'] }, { OSDInstallDriversAdditionalOptions: '/LogLevel:4' });
  assert.deepEqual(await s.run(), { exitCode: 0 });
  assert.deepEqual(s.fake.staged, [{
    target: 'C:', paths: ['/catalog/DRV00001/audio/audio.inf', '/catalog/DRV00001/lan.inf'], recurse: false, forceUnsigned: true, additionalOptions: '/LogLevel:4',
  }]);
  assert.match(s.f.logText(), /Driver package DRV00001: 2 INF\(s\) \(subfolders included\)/);
  assert.match(s.f.logText(), /DRV00001\/lan.inf: Net Example 2023-01-01 1.0.0.0 \(unsigned\)/);
});

test('without recurse only the top folder counts', async () => {
  const s = setup({ ...PKG, Recurse: 'false' });
  await s.run();
  assert.deepEqual(s.fake.staged[0].paths, ['/catalog/DRV00001/lan.inf']);
});

test('legacy boot-critical options are accepted and reported as ignored', async () => {
  const s = setup({ ...PKG, BootCriticalID: ['OSDApplyDriverBootCriticalID', 'SCSI1'], BootCriticalINFFile: ['OSDApplyDriverBootCriticalINFFile', 'iastor.inf'] });
  assert.deepEqual(await s.run(), { exitCode: 0 });
  const warning = s.f.logs.find((l) => l.severity === 'warning')!.message;
  assert.match(warning, /Ignored OSDApplyDriverBootCriticalID, OSDApplyDriverBootCriticalINFFile: boot-critical/);
});

test('a package that is not in the content source fails with content-not-found', async () => {
  const s = setup({ DriverPackageID: 'DRV99999' });
  assert.deepEqual(await s.run(), { exitCode: 0x80070002, message: 'driver package DRV99999 is not in the content source' });
});

test('validate and packages: the package id is required and declared for the preflight', () => {
  const view = (options: Record<string, string>) => ({ node: { kind: 'step' as const, name: 'Apply Driver Package' }, options, optionVariables: {} });
  assert.deepEqual(applyDriverPackageStep.validate!(view({})).map((p) => p.field), ['DriverPackageID']);
  assert.deepEqual(applyDriverPackageStep.validate!(view({ DriverPackageID: 'DRV00001', Recurse: 'maybe' })).map((p) => p.field), ['Recurse']);
  assert.deepEqual(stepPackages(applyDriverPackageStep, view({ DriverPackageID: 'DRV00001' })), ['DRV00001']);
});
