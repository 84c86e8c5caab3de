import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TaskseqError, UnsupportedQueryError, type MachineProbe } from '../../../../engine/index.ts';
import { systemFacts } from '../../simulated/index.ts';
import { loadProfile } from '../../simulated/profile/profile-load.ts';
import { testMachine } from '../../simulated/test-support/test-machine.ts';
import { POWERSHELL_ARGV } from './powershell-snapshot.ts';
import { readWindowsMachine } from './read-windows-machine.ts';
import { fixture, REG_NOT_FOUND, regValueArgv, scriptedWindows, type RecordedCommand } from './test-support/scripted-windows.ts';
import { CONTROL_KEY, MININT_KEY, SECURE_BOOT_STATE_KEY } from './windows-environment.ts';

let context: { after(fn: () => void): void };
test.beforeEach((t) => { context = t as unknown as { after(fn: () => void): void }; });

const reg = JSON.parse(fixture('reg-query.json')) as Record<string, string>;

/** PowerShell answering with a fixture (or a document), plus the registry of Windows PE on UEFI with Secure Boot on. */
function winpe(snapshot: string | object, extra: RecordedCommand[] = []): RecordedCommand[] {
  const text = typeof snapshot === 'string' ? fixture(snapshot).trim() : JSON.stringify(snapshot);
  return [
    { argv: POWERSHELL_ARGV, stdout: `${text}\r\n` },
    { argv: ['reg', 'query', MININT_KEY], stdout: reg['winpe-mini-nt'] },
    { argv: regValueArgv(CONTROL_KEY, 'PEFirmwareType'), stdout: reg['pe-firmware-uefi'] },
    { argv: regValueArgv(SECURE_BOOT_STATE_KEY, 'UEFISecureBootEnabled'), stdout: reg['secure-boot-on'] },
    ...extra,
  ];
}

/** The simulated machine of `profile` in Windows PE. */
function simulated(profile: string): MachineProbe {
  return testMachine(context, profile, { inWinPE: true }).ports.probe;
}

const QUERIES = [
  'SELECT * FROM Win32_ComputerSystem WHERE Model LIKE "%Latitude%"',
  "SELECT * FROM Win32_ComputerSystem WHERE Model LIKE '%OptiPlex%'",
  "SELECT * FROM Win32_ComputerSystem WHERE Manufacturer = 'LENOVO' AND PCSystemType = 2",
  'SELECT * FROM Win32_Battery',
  "SELECT * FROM Win32_ComputerSystemProduct WHERE Version LIKE 'ThinkPad T14%'",
  "SELECT * FROM Win32_BIOS WHERE SMBIOSBIOSVersion LIKE 'N3MET%'",
  "SELECT * FROM Win32_LogicalDisk WHERE DeviceID = 'C:' AND FreeSpace > 2147483648",
  'SELECT * FROM Win32_LogicalDisk WHERE DriveType = 2',
  'SELECT * FROM Win32_SystemEnclosure WHERE ChassisTypes = 10 OR ChassisTypes = 3',
  "SELECT * FROM Win32_OperatingSystem WHERE SystemDrive = 'X:' AND OSArchitecture = '64-bit'",
  'SELECT * FROM Win32_Processor WHERE NumberOfCores >= 8',
  "SELECT * FROM Win32_PnPEntity WHERE HardwareID LIKE 'PCI\\\\VEN_8086&DEV_15F9%'",
  'SELECT * FROM Win32_NetworkAdapterConfiguration WHERE IPEnabled = TRUE',
  'SELECT * FROM Win32_DiskDrive WHERE InterfaceType = "USB"',
  "SELECT * FROM Win32_Volume WHERE Label = 'Recovery'",
];

test('WQL conditions are answered over the snapshot as the simulated machine answers them for the same PC', async () => {
  for (const [profile, snapshot] of [['uefi-laptop', 'powershell-laptop.json'], ['uefi-desktop', 'powershell-desktop.json']]) {
    const w = scriptedWindows(winpe(snapshot!));
    const live = (await readWindowsMachine(w.run, w.runSync, { env: {} })).probe;
    const sim = simulated(profile!);
    for (const q of QUERIES) {
      assert.equal(live.queryWmi('root\\cimv2', q).length, sim.queryWmi('root\\cimv2', q).length, `${profile}: ${q}`);
    }
    const select = 'SELECT Model, TotalPhysicalMemory FROM Win32_ComputerSystem';
    assert.deepEqual(live.queryWmi('ROOT\\CIMV2', select), sim.queryWmi('root\\cimv2', select), 'selected properties');
  }
});

test('a battery, a model and free space: the answers themselves', async () => {
  const laptop = scriptedWindows(winpe('powershell-laptop.json'));
  const lp = (await readWindowsMachine(laptop.run, laptop.runSync, { env: {} })).probe;
  assert.equal(lp.queryWmi('root\\cimv2', 'SELECT * FROM Win32_Battery').length, 1);
  const desktop = scriptedWindows(winpe('powershell-desktop.json'));
  const dp = (await readWindowsMachine(desktop.run, desktop.runSync, { env: {} })).probe;
  assert.equal(dp.queryWmi('root\\cimv2', 'SELECT * FROM Win32_Battery').length, 0);
  const low = "SELECT * FROM Win32_LogicalDisk WHERE DeviceID = 'C:' AND FreeSpace < 10737418240";
  assert.equal(dp.queryWmi('root\\cimv2', low).length, 1, 'the desktop has 4 GiB free on C:');
  assert.equal(lp.queryWmi('root\\cimv2', low).length, 0);
  assert.deepEqual(dp.queryWmi('root\\cimv2', "SELECT VolumeName FROM Win32_LogicalDisk WHERE DeviceID = 'C:'"), [{ VolumeName: 'Données' }],
    'a \\u escape of the ASCII-only output is the character again');
  assert.deepEqual(dp.queryWmi('root\\cimv2', "SELECT * FROM Win32_BIOS WHERE ReleaseDate > '20240101000000.000000+000'").length, 1);
});

test('the machine is read with one PowerShell process, its script on standard input; queries start nothing', async () => {
  const w = scriptedWindows(winpe('powershell-laptop.json'));
  const machine = await readWindowsMachine(w.run, w.runSync, { env: {} });
  const before = w.calls.length;
  for (let i = 0; i < 3; i++) machine.probe.queryWmi('root\\cimv2', 'SELECT * FROM Win32_Processor');
  assert.equal(w.calls.length, before);
  assert.equal(w.calls.filter((c) => c.startsWith('powershell.exe')).length, 1);
  assert.match(w.inputs[0]!, /Get-CimInstance -Namespace 'root\/cimv2' -ClassName \$name/);
});

test('other namespaces, classes outside the snapshot and classes that could not be read are unsupported', async () => {
  const doc = JSON.parse(fixture('powershell-desktop.json'));
  delete doc.classes.Win32_Volume;
  doc.errors = { Win32_Volume: 'Invalid class "Win32_Volume"' };
  const w = scriptedWindows(winpe(doc));
  const p = (await readWindowsMachine(w.run, w.runSync, { env: {} })).probe;
  assert.throws(() => p.queryWmi('root\\wmi', 'SELECT * FROM MSAcpi_ThermalZoneTemperature'), UnsupportedQueryError);
  assert.throws(() => p.queryWmi('root\\cimv2', 'SELECT * FROM Win32_Tpm'), /class "Win32_Tpm" is not known to this machine/);
  assert.throws(() => p.queryWmi('root\\cimv2', 'SELECT * FROM Win32_Volume'),
    (e: unknown) => e instanceof UnsupportedQueryError && /could not be read \(powershell\.exe .*\): Invalid class "Win32_Volume"/.test(e.message));
});

test('system facts from the snapshot equal the simulated machine facts of the same PC', async () => {
  for (const [profile, snapshot] of [['uefi-laptop', 'powershell-laptop.json'], ['uefi-desktop', 'powershell-desktop.json']]) {
    const w = scriptedWindows(winpe(snapshot!));
    const machine = await readWindowsMachine(w.run, w.runSync, { env: {} });
    assert.deepEqual(machine.system, systemFacts(loadProfile(profile!)), profile);
  }
});

test('Windows PE: MiniNT, PEFirmwareType 2 is UEFI with Secure Boot from the registry; 1 is BIOS', async () => {
  const miniNt = 'HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\MiniNT';
  const w = scriptedWindows(winpe('powershell-laptop.json', [
    { argv: regValueArgv(miniNt, ''), stdout: `\r\n${miniNt}\r\n    (Default)    REG_SZ    (value not set)\r\n\r\n` },
  ]));
  const machine = await readWindowsMachine(w.run, w.runSync, { env: {} });
  assert.deepEqual(machine.environment, { inWinPE: true, firmware: 'UEFI', secureBoot: 'Enabled', machineName: 'MININT-PF3KQ2W' });
  assert.deepEqual(machine.probe.registry(miniNt, ''), simulated('uefi-laptop').registry(miniNt, ''), 'the key as a condition sees it');
  const bios = scriptedWindows(winpe('powershell-desktop.json').map((c) => (c.argv.includes('PEFirmwareType') ? { ...c, stdout: reg['pe-firmware-bios'] } : c)));
  assert.deepEqual((await readWindowsMachine(bios.run, bios.runSync, { env: {} })).environment,
    { inWinPE: true, firmware: 'BIOS', secureBoot: 'NA', machineName: 'MININT-7DXK9H3' });
});

test('32-bit Windows PE has one registry view: values are asked without a view flag', async () => {
  const doc = JSON.parse(fixture('powershell-desktop.json'));
  doc.classes.Win32_Processor[0] = { ...doc.classes.Win32_Processor[0], Architecture: 0, AddressWidth: 32 };
  const w = scriptedWindows([
    { argv: POWERSHELL_ARGV, stdout: `${JSON.stringify(doc)}\r\n` },
    { argv: ['reg', 'query', MININT_KEY], stdout: reg['winpe-mini-nt'] },
    { argv: regValueArgv(CONTROL_KEY, 'PEFirmwareType', ''), stdout: reg['pe-firmware-bios'] },
  ]);
  const machine = await readWindowsMachine(w.run, w.runSync, { env: {} });
  assert.equal(machine.system.architecture, 'x86');
  assert.deepEqual(machine.environment, { inWinPE: true, firmware: 'BIOS', secureBoot: 'NA', machineName: 'MININT-7DXK9H3' });
});

test('the full OS: no MiniNT, firmware from firmware_type, Secure Boot from Confirm-SecureBootUEFI', async () => {
  const doc = { ...JSON.parse(fixture('powershell-desktop.json')), firmwareType: 'UEFI', secureBoot: false };
  const full = (env: Record<string, string>, script = JSON.stringify(doc)) => {
    const w = scriptedWindows([
      { argv: POWERSHELL_ARGV, stdout: `${script}\r\n` },
      { argv: ['reg', 'query', MININT_KEY], ...REG_NOT_FOUND },
      { argv: regValueArgv(SECURE_BOOT_STATE_KEY, 'UEFISecureBootEnabled'), stdout: reg['secure-boot-on'] },
    ]);
    return readWindowsMachine(w.run, w.runSync, { env });
  };
  assert.deepEqual((await full({ firmware_type: 'UEFI' })).environment, { inWinPE: false, firmware: 'UEFI', secureBoot: 'Disabled', machineName: 'MININT-7DXK9H3' });
  assert.equal((await full({ FIRMWARE_TYPE: 'Legacy' })).environment.firmware, 'BIOS', 'names in any case');
  assert.equal((await full({})).environment.firmware, 'UEFI', "PowerShell's $env:firmware_type when the agent has none");
  const unknown = JSON.stringify({ ...doc, firmwareType: null, secureBoot: null });
  await assert.rejects(full({}, unknown), (e: unknown) => e instanceof TaskseqError && e.code === 'unsupported' && /firmware_type/.test(e.message));
  assert.equal((await full({ firmware_type: 'UEFI' }, JSON.stringify({ ...doc, secureBoot: null }))).environment.secureBoot, 'Enabled', 'from UEFISecureBootEnabled');
});

test('refresh reads the snapshot again and forgets registry values read so far', async () => {
  const w = scriptedWindows(winpe('powershell-desktop.json', [
    { argv: regValueArgv('HKEY_LOCAL_MACHINE\\SOFTWARE\\Contoso\\Types', 'Digest'), stdout: reg.digest },
  ]));
  const machine = await readWindowsMachine(w.run, w.runSync, { env: {} });
  const digest = () => machine.probe.registry('HKEY_LOCAL_MACHINE\\SOFTWARE\\Contoso\\Types', 'Digest');
  assert.deepEqual(digest(), { type: 'REG_BINARY', data: '0A0B0C0D' });
  digest();
  const reads = () => w.calls.filter((c) => c.includes('Digest')).length;
  assert.equal(reads(), 1, 'remembered');
  await machine.refresh();
  digest();
  assert.equal(reads(), 2);
  assert.equal(w.calls.filter((c) => c.startsWith('powershell.exe')).length, 2);
});

test('a malformed JSON answer, a failing or an ended PowerShell give a clear error naming the command', async () => {
  const answer = async (result: Partial<RecordedCommand>) => {
    const w = scriptedWindows([{ argv: POWERSHELL_ARGV, ...result }]);
    try {
      await readWindowsMachine(w.run, w.runSync, { env: {} });
    } catch (e) {
      assert.ok(e instanceof TaskseqError && e.code === 'unsupported', String(e));
      assert.ok(e.message.includes('powershell.exe -NoProfile -NonInteractive -ExecutionPolicy Bypass -Command -'), e.message);
      return e.message;
    }
    throw new Error('no error');
  };
  assert.match(await answer({ stdout: '{"classes":{"Win32_BIOS":[{"Name":"x"}\r\n' }), /printed malformed JSON/);
  assert.match(await answer({ stdout: 'WARNING: something\r\n' }), /printed no JSON document/);
  assert.match(await answer({ stdout: '{"errors":{}}\r\n' }), /without "classes"/);
  assert.match(await answer({ stdout: '{"classes":{"Win32_BIOS":[1,2]}}\r\n' }), /Win32_BIOS is not a list of objects/);
  assert.match(await answer({ exitCode: 1, stderr: 'Get-CimInstance : Access denied\r\n' }), /exited with 1: Get-CimInstance : Access denied/);
  assert.match(await answer({ killed: true, exitCode: 1 }), /did not finish within 120 s/);
});
