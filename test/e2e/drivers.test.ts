/** Auto Apply Drivers end to end on the uefi-laptop profile against a generated catalog of 200+ INFs. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, runSequenceFile, workDir, writeFixture } from '../support/harness.ts';
import { UEFI_LAYOUT, applyOs, partitionDisk, sequence, varCondition } from '../support/sequence-builder.ts';
import { buildDriverCatalog } from '../support/driver-catalog-builder.ts';
import { captureWim, wimlib, writeFakeWindowsTree } from '../../agent/formats/wim/test-support/wim-fixtures.ts';
import { loadProfile } from '../../agent/backends/simulated/index.ts';
import { devicesFromProfile } from '../../agent/drivers/drivers-port.ts';

function content(dir: string): string {
  const root = join(dir, 'content');
  mkdirSync(join(root, 'LAB00100'), { recursive: true });
  const wim = captureWim(writeFakeWindowsTree(join(dir, 'tree')), join(root, 'LAB00100', 'install.wim'), 'Fake Windows');
  // The version the metadata of a Windows 11 23H2 x64 image carries: it picks the INF sections that apply.
  for (const [k, v] of [['MAJOR', '10'], ['MINOR', '0'], ['BUILD', '22631']]) wimlib('info', wim, '1', '--image-property', `WINDOWS/VERSION/${k}=${v}`);
  wimlib('info', wim, '1', '--image-property', 'WINDOWS/ARCH=9');
  return root;
}

const autoApply = (guard = true) => `<step type="SMS_TaskSequence_AutoApplyAction" name="Auto Apply Drivers" runIn="WinPE" successCodeList="0">`
  + (guard ? `<condition>${varCondition('_SMSTSMediaType', 'notEquals', 'FullMedia')}</condition>` : '')
  + '<action>osddriverclient.exe /auto /bestmatch:%OSDAutoApplyDriverBestMatch% /unsigned:%OSDAllowUnsignedDriver%</action><defaultVarList>'
  + '<variable name="OSDAutoApplyDriverBestMatch" property="BestMatch">true</variable>'
  + '<variable name="OSDAllowUnsignedDriver" property="UnsignedDriver">false</variable>'
  + '<variable name="OSDAutoApplyDriverCategoryList" property="CategoryList"></variable></defaultVarList></step>';

/** Driver store folders on the applied Windows volume, hash suffix removed. */
function storeFolders(dir: string): string[] {
  const volumes = join(dir, 'state', 'machine', 'volumes');
  for (const v of readdirSync(volumes)) {
    const store = join(volumes, v, 'Windows', 'System32', 'DriverStore', 'FileRepository');
    if (existsSync(store)) return readdirSync(store).map((f) => f.replace(/_[0-9a-f]{16}$/, '')).sort();
  }
  return [];
}

test('uefi-laptop, 20+ devices, 200+ INFs: best match stages exactly the expected drivers and explains every choice', async () => {
  const dir = workDir();
  const devices = devicesFromProfile(loadProfile('uefi-laptop').pnpDevices);
  assert.ok(devices.length >= 20, `${devices.length} devices`);
  const catalog = buildDriverCatalog(join(dir, 'catalog'), devices);
  assert.ok(catalog.infCount >= 200, `${catalog.infCount} INFs`);
  const file = writeFixture(dir, 'ts.xml', sequence([partitionDisk('Partition', 'GPT', UEFI_LAYOUT), applyOs('Apply Operating System', 'LAB00100'), autoApply()]));
  const r = await runSequenceFile(file, dir, ['--machine', 'uefi-laptop', '--content', content(dir), '--drivers', catalog.dir]);
  assert.equal(r.code, 0, r.stderr + r.stdout);
  const expected = catalog.expected.map((id) => `${id.split('/')[1]}_amd64`).sort();
  assert.deepEqual(storeFolders(dir), expected);
  const lines = r.log.filter((l) => l.component === 'AutoApplyDrivers').map((l) => l.message);
  const text = lines.join('\n');
  assert.match(text, /Skipped malformed INF .*truncated\.inf line 4: section header/);
  assert.match(text, /Skipped malformed INF .*nodate\.inf line 1: \[Version\] has no DriverVer/);
  assert.match(text, new RegExp(`lost: ${catalog.tie.loser.replace(/[.\\/]/g, '\\$&')} .*tie broken by catalog id \\(${catalog.tie.winner.replace(/[.\\/]/g, '\\$&')} sorts first\\)`));
  assert.match(text, /not usable: legacy-1\/dev1-x86\.inf .* is for x86, the target is x64/);
  assert.match(text, /not usable: beta-1\/dev1-beta\.inf .*unsigned drivers are not allowed/);
  assert.match(text, /Device ACPI\\MSFT0101\\0 "Trusted Platform Module 2\.0" \(SecurityDevices\); no driver in the catalog matches its IDs/);
  assert.match(text, new RegExp(`Matched ${devices.length} device\\(s\\) against ${catalog.infCount - 2} INF\\(s\\): ${catalog.expected.length} with a driver`));
  assert.match(text, new RegExp(`Staged ${catalog.expected.length} driver\\(s\\) into the offline Windows on C:`));
});

test('stand-alone media: the step fails with the documented message; validation warns about an unguarded step', async () => {
  const dir = workDir();
  const catalog = buildDriverCatalog(join(dir, 'catalog'), devicesFromProfile(loadProfile('uefi-laptop').pnpDevices), 0);
  const file = writeFixture(dir, 'ts.xml', sequence([partitionDisk('Partition', 'GPT', UEFI_LAYOUT), applyOs('Apply Operating System', 'LAB00100'), autoApply(false)]));
  const validated = await runCli(['validate', file, '--json']);
  assert.match(validated.stdout, /stand-alone-media/);
  // On stand-alone media the preflight refuses the reachable step before anything runs (the step's own refusal, for
  // a run that reaches it anyway, is in its unit tests).
  const r = await runSequenceFile(file, dir, ['--machine', 'uefi-laptop', '--media-type', 'FullMedia', '--content', content(dir), '--drivers', catalog.dir]);
  assert.equal(r.code, 2);
  assert.ok((r.report.problems ?? []).some((p) => p.code === 'unsupported-on-standalone-media' && /Auto Apply/.test(p.path ?? '')), JSON.stringify(r.report.problems));
});

test('taskseq drivers explain lists every device with its winner, the losers and why, as text and JSON', async () => {
  const dir = workDir();
  const devices = devicesFromProfile(loadProfile('uefi-laptop').pnpDevices);
  const catalog = buildDriverCatalog(join(dir, 'catalog'), devices, 10);
  const text = await runCli(['drivers', 'explain', '--machine', 'uefi-laptop', '--catalog', catalog.dir, '--signed-only']);
  assert.equal(text.code, 0, text.stderr);
  assert.match(text.stdout, new RegExp(`Machine uefi-laptop: ${devices.length} device\\(s\\)`));
  assert.match(text.stdout, new RegExp(`${catalog.expected.length} device\\(s\\) with a driver, ${devices.length - catalog.expected.length} without`));
  const json = await runCli(['drivers', 'explain', '--machine', 'uefi-laptop', '--catalog', catalog.dir, '--signed-only', '--json']);
  const report = JSON.parse(json.stdout) as { devices: Array<{ winner: { inf: string } | null; losers: Array<{ reason: string }> }>; withoutDriver: string[]; problems: unknown[] };
  assert.deepEqual(report.devices.filter((d) => d.winner).map((d) => d.winner!.inf).sort(), catalog.expected);
  assert.equal(report.withoutDriver.length, devices.length - catalog.expected.length);
  assert.equal(report.problems.length, 2);
  const bad = await runCli(['drivers', 'explain', '--machine', 'uefi-laptop']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--catalog DIR is required/);
});
