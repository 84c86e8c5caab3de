import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TaskseqError } from '../../../../engine/index.ts';
import { simulatedWmiClasses } from '../../simulated/wmi/wmi-classes.ts';
import { parseSnapshotJson, POWERSHELL_ARGV, snapshotScript } from './powershell-snapshot.ts';
import { readWindowsMachine } from './read-windows-machine.ts';
import { fixture, REG_NOT_FOUND, regValueArgv, scriptedWindows, type RecordedCommand } from './test-support/scripted-windows.ts';
import { CONTROL_KEY, MININT_KEY, SECURE_BOOT_STATE_KEY } from './windows-environment.ts';
import { parseWmicRawXml, wmicArgv, wmicText } from './wmic-snapshot.ts';
import { SNAPSHOT_CLASSES } from './wmi-snapshot.ts';

const reg = JSON.parse(fixture('reg-query.json')) as Record<string, string>;
const wmic = JSON.parse(fixture('wmic-desktop.json')) as Record<string, string>;

test('the snapshot reads exactly the classes the simulated machine answers', () => {
  assert.deepEqual(SNAPSHOT_CLASSES.map((c) => c.toLowerCase()), simulatedWmiClasses());
});

test('the script: PowerShell without profile or prompts, one whole statement per line, one JSON document out', () => {
  assert.deepEqual(POWERSHELL_ARGV, ['powershell.exe', '-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-Command', '-']);
  const lines = snapshotScript().split('\r\n');
  assert.equal(lines.at(-1), '', 'ends with a line break');
  for (const line of lines) {
    const opened = [...line].filter((c) => c === '{').length;
    assert.equal(opened, [...line].filter((c) => c === '}').length, `braces balance on one line: ${line}`);
  }
  const script = snapshotScript();
  for (const c of SNAPSHOT_CLASSES) assert.ok(script.includes(`'${c}'`), c);
  assert.match(script, /ConvertTo-Json -InputObject .* -Depth 4 -Compress/);
  assert.match(script, /\$v -is \[datetime\]\) \{ \$v = \$v\.ToUniversalTime\(\)\.ToString\('yyyyMMddHHmmss\.ffffff'\) \+ '\+000' \}/);
});

test('PowerShell output: one row where a list was expected, no rows, and warnings before the document', () => {
  const s = parseSnapshotJson('WARNING: x\r\n{"classes":{"Win32_BIOS":{"Name":"1.0","BIOSVersion":["A",1]},"Win32_Battery":null},"errors":{"Win32_Tpm":"Invalid class"},"firmwareType":"UEFI","secureBoot":true}\r\n');
  assert.deepEqual(s.classes.get('win32_bios'), [{ Name: '1.0', BIOSVersion: ['A', '1'] }]);
  assert.deepEqual(s.classes.get('win32_battery'), []);
  assert.equal(s.failures.get('win32_tpm'), 'Invalid class');
  assert.equal(s.firmwareType, 'UEFI');
  assert.equal(s.secureBoot, true);
});

test('wmic rawxml: typed properties, arrays, nulls and entities', () => {
  const rows = parseWmicRawXml(wmic.Win32_LogicalDisk!);
  assert.deepEqual(rows.map((r) => [r.DeviceID, r.DriveType, r.FreeSpace, r.VolumeName]),
    [['C:', 3, 4294967296, 'Windows & Data'], ['X:', 3, 521056256, 'Boot']]);
  const system = parseWmicRawXml(wmic.Win32_ComputerSystem!)[0]!;
  assert.equal(system.PartOfDomain, false);
  assert.equal(system.InstallDate, null);
  assert.deepEqual(system.Roles, ['LM_Workstation', 'LM_Server', 'NT']);
  assert.deepEqual(parseWmicRawXml(wmic.Win32_SystemEnclosure!)[0]!.ChassisTypes, [3]);
  assert.throws(() => parseWmicRawXml('<COMMAND><RESULTS>'), /unclosed|end/i);
  assert.equal(wmicText('E\0r\0r\0o\0r\0\n\0'), 'Error\n', 'UTF-16LE without a byte order mark, as wine\'s wmic writes it');
  assert.equal(wmicText('<a>\r\r\n</a>'), '<a>\r\r\n</a>');
});

/** A Windows PE without WinPE-PowerShell: wmic answers each class. */
function withoutPowerShell(): RecordedCommand[] {
  return [
    { argv: POWERSHELL_ARGV, missing: true },
    ...SNAPSHOT_CLASSES.map((c): RecordedCommand => (wmic[c] ? { argv: wmicArgv(c), stdout: wmic[c] }
      : c === 'Win32_Volume' ? { argv: wmicArgv(c), exitCode: 44210, stdout: 'Node - MININT-7DXK9H3\r\r\nERROR:\r\r\nDescription = Invalid class.\r\r\n' }
        : { argv: wmicArgv(c), stderr: 'No Instance(s) Available.\r\r\n' })),
    { argv: ['reg', 'query', MININT_KEY], stdout: reg['winpe-mini-nt'] },
    { argv: regValueArgv(CONTROL_KEY, 'PEFirmwareType'), stdout: reg['pe-firmware-uefi'] },
    { argv: regValueArgv(SECURE_BOOT_STATE_KEY, 'UEFISecureBootEnabled'), ...REG_NOT_FOUND },
    { argv: regValueArgv(SECURE_BOOT_STATE_KEY, 'UEFISecureBootEnabled', '/reg:32'), ...REG_NOT_FOUND },
  ];
}

test('without PowerShell, wmic reads each class into the same rows, and the same conditions hold', async () => {
  const w = scriptedWindows(withoutPowerShell());
  const machine = await readWindowsMachine(w.run, w.runSync, { env: {} });
  const p = machine.probe;
  assert.equal(p.queryWmi('root\\cimv2', "SELECT * FROM Win32_ComputerSystem WHERE Model LIKE '%OptiPlex%'").length, 1);
  assert.equal(p.queryWmi('root\\cimv2', 'SELECT * FROM Win32_Battery').length, 0);
  assert.equal(p.queryWmi('root\\cimv2', "SELECT * FROM Win32_LogicalDisk WHERE DeviceID = 'C:' AND FreeSpace < 10737418240").length, 1);
  assert.throws(() => p.queryWmi('root\\cimv2', 'SELECT * FROM Win32_Volume'), /could not be read \(wmic path <class> get \/format:rawxml\): wmic exited with 44210: Description = Invalid class\./);
  assert.deepEqual(machine.environment, { inWinPE: true, firmware: 'UEFI', secureBoot: 'Disabled', machineName: 'MININT-7DXK9H3' });
  assert.deepEqual({ ...machine.system, cpu: machine.system.cpu }, {
    make: 'Dell Inc.', model: 'OptiPlex 7090', serialNumber: '7DXK9H3', uuid: '4C4C4544-0044-5810-804B-B7C04F394833',
    memoryMB: 16384, cpu: { name: '11th Gen Intel(R) Core(TM) i7-11700 @ 2.50GHz', speedMHz: 2496, cores: 8 }, architecture: 'x64',
    macAddresses: ['A4:BB:6D:4E:21:9C'], ipAddresses: ['10.20.30.41', 'fe80::a6bb:6dff:fe4e:219c'], defaultGateways: ['10.20.30.1'],
    assetTag: 'IT-004217', chassisTypes: [3],
  });
  assert.equal(w.calls.filter((c) => c.startsWith('wmic')).length, SNAPSHOT_CLASSES.length);
});

test('neither PowerShell nor wmic: tool-missing naming the optional components; malformed wmic XML names the command', async () => {
  const none = scriptedWindows([{ argv: POWERSHELL_ARGV, missing: true }, { argv: wmicArgv(SNAPSHOT_CLASSES[0]!), missing: true }]);
  await assert.rejects(readWindowsMachine(none.run, none.runSync, { env: {} }),
    (e: unknown) => e instanceof TaskseqError && e.code === 'tool-missing' && /WinPE-WMI .* WinPE-PowerShell with WinPE-NetFx/.test(e.message));
  const bad = scriptedWindows([{ argv: POWERSHELL_ARGV, missing: true }, { argv: wmicArgv(SNAPSHOT_CLASSES[0]!), stdout: '<COMMAND><RESULTS>' }]);
  await assert.rejects(readWindowsMachine(bad.run, bad.runSync, { env: {} }),
    (e: unknown) => e instanceof TaskseqError && e.code === 'unsupported' && /wmic path Win32_ComputerSystem get \/format:rawxml printed malformed XML/.test(e.message));
});
