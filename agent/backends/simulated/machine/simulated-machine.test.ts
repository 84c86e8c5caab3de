import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvalidInputError, TaskseqError } from '../../../../engine/index.ts';
import { loadProfile } from '../profile/profile-load.ts';
import { createSimulatedMachine, REBOOT_MS } from './simulated-machine.ts';

function tempDir(t: { after(fn: () => void): void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'taskseq-sim-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

test('environment in WinPE: paths, firmware, Secure Boot, detected Windows, time zone', (t) => {
  const env = createSimulatedMachine(loadProfile('uefi-desktop'), { stateDir: tempDir(t) }).ports.system.environment();
  assert.equal(env.inWinPE, true);
  assert.equal(env.mediaType, 'PXE');
  assert.equal(env.launchMode, 'PXE');
  assert.equal(env.firmware, 'UEFI');
  assert.equal(env.secureBoot, 'Enabled');
  assert.deepEqual(env.detectedWindows, { winDir: 'C:\\Windows', drive: 'C:' });
  assert.equal(env.clientCache, undefined, 'the client cache is a full-OS fact');
  assert.equal(env.dataPath, 'C:\\_SMSTaskSequence', 'a local NTFS volume holds the state');
  assert.equal(env.logPath, 'C:\\_SMSTaskSequence\\Logs\\Smstslog');
  assert.equal(env.machineName, 'MININT-7DXK9H3');
  assert.equal(env.timeZone.bias, 480);
  assert.equal(env.timeZone.daylightName, 'Pacific Daylight Time');
  assert.deepEqual(env.timeZone.daylightDate, [0, 3, 0, 2, 2, 0, 0, 0]);
  const bios = createSimulatedMachine(loadProfile('bios-desktop'), { stateDir: tempDir(t) });
  assert.equal(bios.ports.system.environment().secureBoot, 'NA');
  assert.equal(bios.ports.system.environment().firmware, 'BIOS');
});

test('the mediaType option overrides the profile', (t) => {
  const m = createSimulatedMachine(loadProfile('uefi-desktop'), { stateDir: tempDir(t), mediaType: 'FullMedia' });
  assert.equal(m.ports.system.environment().mediaType, 'FullMedia');
});

test('facts come from the system section and IP-enabled adapters', (t) => {
  const facts = createSimulatedMachine(loadProfile('uefi-laptop'), { stateDir: tempDir(t) }).ports.system.facts();
  assert.equal(facts.make, 'LENOVO');
  assert.equal(facts.memoryMB, 32768);
  assert.deepEqual(facts.chassisTypes, [10]);
  assert.deepEqual(facts.macAddresses, ['38:F3:AB:5C:11:D2']);
  assert.deepEqual(facts.ipAddresses, ['172.16.8.23']);
  assert.deepEqual(facts.defaultGateways, ['172.16.8.1']);
});

test('a restart to the installed OS changes the environment and WMI answers, and back', (t) => {
  const m = createSimulatedMachine(loadProfile('uefi-desktop'), { stateDir: tempDir(t) });
  const before = m.ports.clock.now();
  m.reboot('HD');
  const env = m.ports.system.environment();
  assert.equal(env.inWinPE, false);
  assert.equal(env.dataPath, 'C:\\_SMSTaskSequence');
  assert.equal(env.logPath, 'C:\\_SMSTaskSequence\\Logs\\Smstslog');
  assert.equal(env.detectedWindows, undefined);
  assert.equal(m.ports.clock.now() - before, REBOOT_MS);
  const os = m.ports.probe.queryWmi('root\\cimv2', "SELECT * FROM Win32_OperatingSystem WHERE BuildNumber = '22631'");
  assert.equal(os.length, 1);
  m.reboot('WinPE');
  assert.equal(m.ports.system.environment().inWinPE, true);
  assert.equal(m.ports.probe.file('X:\\Windows\\System32\\wpeinit.exe').exists, true);
});

test('a restart with the state on the RAM disk is refused and changes nothing', (t) => {
  const m = createSimulatedMachine(loadProfile('hyperv-vm'), { stateDir: tempDir(t) });
  const env = m.ports.system.environment();
  assert.equal(env.dataPath, 'X:\\sms\\data');
  assert.equal(env.logPath, 'X:\\Windows\\Temp\\SMSTSLog');
  assert.equal(env.detectedWindows, undefined);
  assert.deepEqual(m.stateLocation(), { onLocalDisk: false, path: 'X:\\sms\\data' });
  for (const target of ['HD', 'WinPE'] as const) {
    assert.throws(() => m.reboot(target), (err: unknown) => err instanceof TaskseqError && err.code === 'unsupported'
      && err.message === 'cannot restart: the task sequence keeps its state on the Windows PE RAM disk (X:) because no '
      + 'local NTFS volume exists yet; it would be lost — format and partition a disk first');
  }
  assert.equal(m.ports.system.environment().inWinPE, true);
});

test('state is saved on reboots and commands and a new machine resumes from it', async (t) => {
  const stateDir = tempDir(t);
  const profile = { ...loadProfile('uefi-desktop'), commands: [{ match: 'once', exitCode: 5, times: 1 }] };
  const first = createSimulatedMachine(profile, { stateDir, mediaType: 'FullMedia' });
  assert.equal((await first.ports.commands.run({ kind: 'command-line', commandLine: 'once.cmd', secret: false })).exitCode, 5);
  first.reboot('HD');
  assert.ok(existsSync(join(stateDir, 'machine-state.json')));
  assert.ok(!existsSync(join(stateDir, 'machine-state.json.tmp')));

  const resumed = createSimulatedMachine(profile, { stateDir });
  assert.equal(resumed.ports.system.environment().inWinPE, false);
  assert.equal(resumed.ports.system.environment().mediaType, 'FullMedia');
  assert.equal(resumed.ports.clock.now(), first.ports.clock.now());
  assert.deepEqual(resumed.history(), first.history());
  const again = await resumed.ports.commands.run({ kind: 'command-line', commandLine: 'once.cmd', secret: false });
  assert.equal(again.exitCode, 0, 'the run count survived');
});

test('a saved state from another profile or command table is refused', (t) => {
  const stateDir = tempDir(t);
  createSimulatedMachine(loadProfile('uefi-desktop'), { stateDir }).save();
  assert.throws(() => createSimulatedMachine(loadProfile('uefi-laptop'), { stateDir }),
    (err: unknown) => err instanceof InvalidInputError && /belongs to machine profile uefi-desktop, not uefi-laptop/.test(err.message));
  const changed = { ...loadProfile('uefi-desktop'), commands: [{ match: 'x' }] };
  assert.throws(() => createSimulatedMachine(changed, { stateDir }), /command table of machine profile uefi-desktop changed/);
  writeFileSync(join(stateDir, 'machine-state.json'), '{"format":"other"}');
  assert.throws(() => createSimulatedMachine(loadProfile('uefi-desktop'), { stateDir }), /not a saved machine state/);
});

test('an invalid profile object is refused with its problems', (t) => {
  const bad = loadProfile('uefi-desktop');
  (bad.firmware as { mode: string }).mode = 'EFI';
  assert.throws(() => createSimulatedMachine(bad, { stateDir: tempDir(t) }),
    (err: unknown) => err instanceof InvalidInputError && /machine profile uefi-desktop: \/firmware\/mode: must be one of UEFI, BIOS/.test(err.message));
});

test('finalState is the profile form of the current machine and validates', async (t) => {
  const stateDir = tempDir(t);
  const m = createSimulatedMachine(loadProfile('uefi-desktop'), { stateDir });
  await m.ports.commands.run({ kind: 'command-line', commandLine: 'cmd /c exit 0', secret: false });
  m.reboot('HD');
  const final = m.finalState();
  assert.equal(final.environment.inWinPE, false);
  assert.equal(final.firmware.clock, '2025-03-04T16:31:01.000Z');
  assert.deepEqual(final.system, loadProfile('uefi-desktop').system);
  const { validateProfile } = await import('../profile/profile-validate.ts');
  assert.deepEqual(validateProfile(final, 'final'), []);
  const saved = JSON.parse(readFileSync(join(stateDir, 'machine-state.json'), 'utf8'));
  assert.equal(saved.clock, '2025-03-04T16:31:01.000Z');
  assert.equal(saved.bootCount, 1);
});
