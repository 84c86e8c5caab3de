import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Condition, StepDefinitionView } from '../../engine/step-api.ts';
import { createFakeContext, defaults } from '../test-support/fake-context.ts';
import { createDriversFake, driverInf, pnpDevice } from '../test-support/drivers-fake.ts';
import { createWindowsFake, installation } from '../test-support/windows-fake.ts';
import { autoApplyDriversStep, AUTO_APPLY_DRIVERS_TYPE, STAND_ALONE_MESSAGE } from './index.ts';

const LAN = pnpDevice('LAN', ['PCI\\VEN_8086&DEV_1A1F&SUBSYS_22DF17AA', 'PCI\\VEN_8086&DEV_1A1F'], ['PCI\\CC_0200']);
const WIFI = pnpDevice('WiFi', ['PCI\\VEN_8086&DEV_51F0&SUBSYS_00948086'], ['PCI\\CC_0280']);
const CAMERA = pnpDevice('Camera', ['USB\\VID_04F2&PID_B7B6']);

const CATALOG = [
  driverInf('lenovo/lan.inf', [['PCI\\VEN_8086&DEV_1A1F&SUBSYS_22DF17AA']], { categories: ['Lenovo'] }),
  driverInf('generic/net.inf', [['PCI\\CC_0200'], ['PCI\\CC_0280']], { date: '2024-01-01', categories: ['Generic'] }),
  driverInf('intel/wifi.inf', [['PCI\\VEN_8086&DEV_51F0&SUBSYS_00948086']], { signed: false, categories: ['Lenovo'] }),
  driverInf('old/lan-x86.inf', [['PCI\\VEN_8086&DEV_1A1F&SUBSYS_22DF17AA']], { decoration: 'NTx86' }),
];

function setup(options: Record<string, string | [string, string]>, env: { mediaType?: 'FullMedia' | 'BootMedia'; inWinPE?: boolean } = {}) {
  const fake = createDriversFake({ devices: [LAN, WIFI, CAMERA], catalog: CATALOG, problems: [{ file: '/catalog/bad/x.inf', line: 3, message: 'unterminated quoted string' }] });
  const f = createFakeContext({
    node: { type: AUTO_APPLY_DRIVERS_TYPE, defaultVarList: defaults(options) },
    environment: { inWinPE: env.inWinPE ?? true, mediaType: env.mediaType ?? 'BootMedia' },
    globals: { OSDTargetSystemDrive: 'C:' },
    drivers: fake.drivers, imaging: fake.imaging, windows: createWindowsFake([installation('C:')]).port,
  });
  return { f, fake, run: () => autoApplyDriversStep.run(f.ctx) };
}

const BEST = { BestMatch: ['OSDAutoApplyDriverBestMatch', 'true'] as [string, string], UnsignedDriver: ['OSDAllowUnsignedDriver', 'false'] as [string, string] };

test('best match: the winner of each device is staged, unsigned drivers are left out, every choice is explained', async () => {
  const s = setup(BEST);
  assert.deepEqual(await s.run(), { exitCode: 0 });
  assert.deepEqual(s.fake.staged, [{ target: 'C:', paths: ['/catalog/generic/net.inf', '/catalog/lenovo/lan.inf'], recurse: false, forceUnsigned: false }]);
  const log = s.f.logText();
  assert.match(log, /Skipped malformed INF \/catalog\/bad\/x.inf line 3: unterminated quoted string/);
  assert.match(log, /Target Windows on C:: Microsoft Windows 11 Enterprise 10\.0\.22631 x64/);
  assert.match(log, /winner: lenovo\/lan.inf \[NTamd64\] rank 0x0000/);
  assert.match(log, /lost: generic\/net.inf .* -- rank 0x2000 is worse than the winner's 0x0000/);
  assert.match(log, /not usable: old\/lan-x86.inf via .*: models section NTx86 is for x86, the target is x64/);
  assert.match(log, /not usable: intel\/wifi.inf .*unsigned drivers are not allowed/);
  assert.match(log, /Device USB\\VID_04F2&PID_B7B6\\0 "Camera" \(Net\); no driver in the catalog matches its IDs/);
  assert.match(log, /Matched 3 device\(s\) against 4 INF\(s\): 2 with a driver, 1 without/);
});

test('all compatible drivers, unsigned allowed: every usable candidate is staged with forceUnsigned', async () => {
  const s = setup({ BestMatch: 'false', UnsignedDriver: 'true' });
  assert.deepEqual(await s.run(), { exitCode: 0 });
  assert.deepEqual(s.fake.staged[0].paths, ['/catalog/generic/net.inf', '/catalog/intel/wifi.inf', '/catalog/lenovo/lan.inf']);
  assert.equal(s.fake.staged[0].forceUnsigned, true);
});

test('categories are ORed; drivers outside them are not considered', async () => {
  const s = setup({ ...BEST, CategoryList: ['OSDAutoApplyDriverCategoryList', 'Lenovo, Other'] });
  await s.run();
  assert.deepEqual(s.fake.staged[0].paths, ['/catalog/lenovo/lan.inf']);
  assert.match(s.f.logText(), /Categories Lenovo, Other: 2 of 4 INF\(s\) in them/);
});

test('stand-alone media: the step fails with the documented message before touching anything', async () => {
  const s = setup(BEST, { mediaType: 'FullMedia' });
  assert.deepEqual(await s.run(), { exitCode: 50, message: STAND_ALONE_MESSAGE });
  assert.equal(s.fake.staged.length, 0);
});

test('no applied Windows: a clear failure naming OSDTargetSystemDrive', async () => {
  const s = setup(BEST);
  s.f.store.set('OSDTargetSystemDrive', '', { writer: 'engine' });
  const r = await s.run();
  assert.equal(r.exitCode, 0x80004005);
  assert.match(r.message!, /OSDTargetSystemDrive is not set/);
});

const guard: Condition = { children: [{ kind: 'expression', type: 'SMS_TaskSequence_VariableConditionExpression', variables: { Variable: '_SMSTSMediaType', Operator: 'notEquals', Value: 'FullMedia' } } as never] };

function view(options: Record<string, string>, own?: Condition, enclosing: Condition[] = []): StepDefinitionView {
  return { node: { kind: 'step', name: 'Auto Apply Drivers', type: AUTO_APPLY_DRIVERS_TYPE, ...(own ? { condition: own } : {}) }, options, optionVariables: {}, enclosingConditions: enclosing };
}

test('validate: warns when nothing guards the step against stand-alone media; flags must be true/false', () => {
  const unguarded = autoApplyDriversStep.validate!(view({ BestMatch: 'true' }));
  assert.deepEqual(unguarded.map((p) => [p.severity, p.code]), [['warning', 'stand-alone-media']]);
  assert.deepEqual(autoApplyDriversStep.validate!(view({}, guard)), []);
  assert.deepEqual(autoApplyDriversStep.validate!(view({}, undefined, [guard])), [], 'a guard on an enclosing group counts');
  assert.deepEqual(autoApplyDriversStep.validate!(view({ BestMatch: 'yes' }, guard)).map((p) => p.field), ['BestMatch']);
});
