import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createFakeContext, defaults } from '../test-support/fake-context.ts';
import { createDriversFake, driverInf, pnpDevice } from '../test-support/drivers-fake.ts';
import { createWindowsFake, installation } from '../test-support/windows-fake.ts';
import { injectDriversStep, INJECT_DRIVERS_TYPE } from './index.ts';

const CATALOG = [
  driverInf('dell/lan.inf', [['PCI\\VEN_8086&DEV_1A1F']], { categories: ['Latitude 7440'] }),
  driverInf('generic/net.inf', [['PCI\\CC_0200']], { categories: ['Generic'] }),
  driverInf('dell/dock.inf', [['USB\\VID_413C&PID_B06E']], { categories: ['Latitude 7440'] }),
];

function setup(options: Record<string, string>) {
  const fake = createDriversFake({ devices: [pnpDevice('LAN', ['PCI\\VEN_8086&DEV_1A1F'], ['PCI\\CC_0200'])], catalog: CATALOG });
  const f = createFakeContext({
    node: { type: INJECT_DRIVERS_TYPE, defaultVarList: defaults(options) },
    environment: { inWinPE: true }, globals: { OSDTargetSystemDrive: 'C:' },
    drivers: fake.drivers, imaging: fake.imaging, windows: createWindowsFake([installation('C:')]).port,
  });
  return { f, fake, run: () => injectDriversStep.run(f.ctx) };
}

test('AUTO with All Drivers: every matching driver is staged (Windows chooses), with the explanation logged', async () => {
  const s = setup({ DriverSelectionProfile: 'All Drivers', DriverInjectionMode: 'AUTO' });
  assert.deepEqual(await s.run(), { exitCode: 0 });
  assert.deepEqual(s.fake.staged[0].paths, ['/catalog/dell/lan.inf', '/catalog/generic/net.inf']);
  assert.match(s.f.logText(), /winner: dell\/lan.inf/);
});

test('ALL with a selection profile: every driver of the profile, matching or not', async () => {
  const s = setup({ DriverSelectionProfile: 'Latitude 7440', DriverInjectionMode: 'ALL' });
  await s.run();
  assert.deepEqual(s.fake.staged[0].paths, ['/catalog/dell/lan.inf', '/catalog/dell/dock.inf']);
});

test('Nothing stages nothing; a bad mode is refused by validate and at run time', async () => {
  const s = setup({ DriverSelectionProfile: 'Nothing', DriverInjectionMode: 'ALL' });
  assert.deepEqual(await s.run(), { exitCode: 0 });
  assert.equal(s.fake.staged.length, 0);
  assert.match(s.f.logText(), /No drivers to stage/);
  const bad = setup({ DriverInjectionMode: 'SOME' });
  assert.equal((await bad.run()).exitCode, 87);
  const view = { node: { kind: 'step' as const, name: 'Inject Drivers' }, options: { DriverInjectionMode: 'SOME' }, optionVariables: {} };
  assert.deepEqual(injectDriversStep.validate!(view).map((p) => p.code), ['bad-option']);
});
