/**
 * The README's demo: the bare-metal deployment in examples/ on the default simulated machine (UEFI) and on the BIOS
 * desktop, with the content folder next to the sequence found without options.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli, runSequenceFile, workDir } from '../support/harness.ts';
import { findWindowsVolume } from '../support/volume-tree.ts';
import { DEMO_IMAGE_FILES, DEMO_IMAGE_NAME, DEMO_IMAGE_PATH, DEMO_IMAGE_PROPERTIES } from '../../agent/build/demo-image.ts';
import { readWimlibInfo, wimlib } from '../../agent/formats/wim/test-support/wim-fixtures.ts';
import { decodeWimXml } from '../../agent/formats/wim/wim-xml.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const example = join(root, 'examples', 'deploy-windows.xml');
const SECRETS = ['Demo-Admin-Pw-7', 'DEMO0-KEY00-NOTA0-REAL0-KEY00'];
const STATE_FILE = join('Windows', 'System32', 'config', 'simulated-state.json');

interface SfdiskTable {
  label: string;
  sectorsize?: number;
  partitions: Array<{ start: number; size: number; type: string; bootable?: boolean; name?: string }>;
}

const sfdisk = (image: string): SfdiskTable => JSON.parse(execFileSync('sfdisk', ['--json', image], { encoding: 'utf8' })).partitiontable;
const MiB = 1024 * 1024;

test('the demo deploys Windows bare metal on uefi-desktop: GPT, image, drivers, settings, Setup, one restart, full OS', async () => {
  const dir = workDir();
  const r = await runSequenceFile(example, dir);
  assert.equal(r.code, 0, r.stderr + r.stdout.slice(-2000));
  assert.equal(r.report.status, 'succeeded');
  const outcome = Object.fromEntries(r.report.steps.map((s) => [s.name, s.outcome]));
  for (const name of ['Partition Disk 0 - UEFI', 'Apply Operating System', 'Auto Apply Drivers', 'Apply Windows Settings', 'Setup Windows and ConfigMgr']) {
    assert.equal(outcome[name], 'succeeded', name);
  }
  assert.equal(outcome['Partition Disk 0 - BIOS'], 'skipped');
  assert.equal(outcome['Install optional tool'], 'failed');
  assert.deepEqual(r.report.reboots, [{ afterStep: 9, target: 'HD' }]);
  const fullOs = r.report.steps.filter((s) => !s.startedInWinPE && s.outcome === 'succeeded').map((s) => s.name);
  assert.ok(fullOs.includes('Record the new Windows'), fullOs.join(', '));
  const v = r.report.variables;
  assert.equal(v._SMSTSInWinPE, 'false');
  assert.equal(v._SMSTSMachineName, 'LAB-7DXK9H3');
  assert.equal(v.DriverFamily, 'OptiPlex');
  assert.equal(v.OptionalToolsFailedWith, '1603');
  assert.equal(v.DeploymentStage, 'Done');

  assert.ok(r.log.length > 50 && r.log.every((e) => e.component && e.date === '03-04-2025' && e.bias === 480), 'smsts.log parses as CMTrace');
  assert.ok(r.log.some((e) => /skipped because the condition is evaluated to be false: _SMSTSBootUEFI notEquals "true" \(value: "true"\)/.test(e.message)));

  // The disk read back by a standard tool: EFI, MSR, Windows, Recovery.
  const t = sfdisk(join(dir, 'state', 'machine', 'disks', 'disk0.img'));
  assert.equal(t.label, 'gpt');
  assert.deepEqual(t.partitions.map((p) => p.type.toUpperCase()), [
    'C12A7328-F81F-11D2-BA4B-00A0C93EC93B', 'E3C9E316-0B5C-4DB8-817D-F92DF00215AE',
    'EBD0A0A2-B9E5-4433-87C0-68B6B72699C7', 'DE94BBA4-06D1-4D40-A16A-BFD50179D6AC',
  ]);
  assert.equal(t.partitions[0].size * (t.sectorsize ?? 512), 499 * MiB);

  // The installed Windows: set up with the name, owner and client; the OptiPlex drivers in its driver store.
  const volume = findWindowsVolume(dir, true)!;
  const state = JSON.parse(readFileSync(join(volume, STATE_FILE), 'utf8'));
  assert.equal(state.identity.caption, 'Microsoft Windows 11 Enterprise');
  assert.equal(state.phase, 'specialized');
  assert.equal(state.computerName, 'LAB-7DXK9H3');
  assert.equal(state.registeredOrganization, 'Example Lab');
  assert.equal(state.configMgrClient.state, 'installed');
  const store = readdirSync(join(volume, 'Windows', 'System32', 'DriverStore', 'FileRepository')).map((f) => f.replace(/_[0-9a-f]{16}$/, '')).sort();
  assert.deepEqual(store, ['i219lm.inf_amd64', 'rtkhda.inf_amd64', 'uhd750.inf_amd64']);
  assert.ok(r.log.some((e) => e.component === 'AutoApplyDrivers' && /lost: DMO00021\/intelnet\.inf .*rank 0x2003 is worse than the winner's 0x0001/.test(e.message)));

  // The password and the product key are in no output, log line, journal or state file of the run.
  const written = [r.stdout, r.stderr, r.logText, ...['journal.tsj', 'final-machine.json', join('machine', 'machine-state.json')].map((f) => readFileSync(join(dir, 'state', f), 'latin1'))];
  for (const secret of SECRETS) for (const text of written) assert.ok(!text.includes(secret), `${secret} leaked`);
});

test('on bios-desktop the console shows the BIOS branch taken, the UEFI branch skipped and why, and how to read the MBR back', async () => {
  const dir = workDir();
  const r = await runCli(['run', example, '--machine', 'bios-desktop', '--reset', '--state-dir', join(dir, 'state'), '--log-dir', join(dir, 'logs')]);
  assert.equal(r.code, 0, r.stderr + r.stdout.slice(-2000));
  const lines = r.stdout.trim().split('\n');
  assert.match(lines[0], /^Content: .*examples[\\/]content \(the content folder next to the sequence\)/);
  assert.ok(lines.includes('[4] Partition Disk 0 - UEFI: skipped (condition false: _SMSTSBootUEFI equals "true" (value: "false"))'), r.stdout);
  assert.ok(lines.includes('[5] Partition Disk 0 - BIOS: succeeded (exit code 0)'), r.stdout);
  assert.ok(lines.includes('Restarted into the installed OS (HD)'), r.stdout);
  assert.ok(lines.some((l) => /^\[12\] Configure vendor hardware settings: skipped \(condition false: WMI .*Dell%.* returned no rows\)$/.test(l)), r.stdout);
  assert.match(r.stdout, /Task sequence succeeded \(exit code 0\): \d+ step runs, 1 failed, 3 skipped, 1 restart\.\nLog: /);
  // The summary's own command reads the disk back.
  const command = /^ {2}read its partition table back: sfdisk --json (\S+)$/m.exec(r.stdout);
  assert.ok(command, r.stdout);
  assert.match(r.stdout, /^Disk 0 \(MBR\): /m);
  const t = sfdisk(command[1]);
  assert.equal(t.label, 'dos');
  assert.deepEqual(t.partitions.map((p) => [p.type, p.bootable === true]), [['7', true], ['7', false], ['27', false]]);
  for (const secret of SECRETS) assert.ok(!(r.stdout + r.stderr).includes(secret), `${secret} printed`);
});

test('the committed demo image is what agent/build/demo-image.ts describes (npx tsx agent/build/build-demo-image.ts)', () => {
  const wim = join(root, DEMO_IMAGE_PATH);
  const listed = wimlib('dir', wim, '1').split('\n').map((l) => l.trim().replace(/^\//, '')).filter(Boolean);
  const folders = new Set(Object.keys(DEMO_IMAGE_FILES).flatMap((f) => f.split('/').slice(0, -1).map((_, i, parts) => parts.slice(0, i + 1).join('/'))));
  assert.deepEqual(listed.sort(), [...Object.keys(DEMO_IMAGE_FILES), ...folders].sort());
  const info = readWimlibInfo(wim);
  assert.equal(info.images.length, 1);
  assert.equal(info.images[0].Name, DEMO_IMAGE_NAME);
  assert.equal(info.images[0]['Total Bytes'], String(Object.values(DEMO_IMAGE_FILES).reduce((n, c) => n + Buffer.byteLength(c), 0)));
  const xml = decodeWimXml(execFileSync('wimlib-imagex', ['info', wim, '--xml']));
  for (const [path, value] of Object.entries(DEMO_IMAGE_PROPERTIES)) {
    assert.ok(xml.includes(`<${path.split('/').at(-1)}>${value}</`), `${path}=${value}`);
  }
  assert.ok(readFileSync(wim).length < 100 * 1024);
});
