/**
 * The whole build-and-capture sequence (test/e2e/fixtures/build-and-capture.xml) on a UEFI and a BIOS desktop booted
 * from boot media, with a USB stick for the capture: partition, apply, Windows Setup, prepare client and Windows,
 * capture. The captured WIM then goes onto a blank machine, whose volume equals the reference volume file for file
 * right after the apply, and differs only in the documented places once Windows Setup has run there.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { builtinProfile, runSequenceFile, workDir, writeFixture, writeProfile } from '../support/harness.ts';
import { findWindowsVolume, volumeTree } from '../support/volume-tree.ts';
import { applyOs, partitionDisk, sequence, setupWindows, UEFI_LAYOUT } from '../support/sequence-builder.ts';
import { captureWim, writeFakeWindowsTree } from '../../agent/formats/wim/test-support/wim-fixtures.ts';

const FIXTURE = fileURLToPath(new URL('./fixtures/build-and-capture.xml', import.meta.url));
const ADMIN_PASSWORD = 'Ref-Admin-Pw-42';
const STATE_FILE = 'Windows/System32/config/simulated-state.json';

const ANSWER_FILE = `<?xml version="1.0" encoding="utf-8"?>
<unattend xmlns="urn:schemas-microsoft-com:unattend">
  <settings pass="specialize">
    <component name="Microsoft-Windows-Shell-Setup" processorArchitecture="amd64" publicKeyToken="31bf3856ad364e35" language="neutral" versionScope="nonSxS">
      <ComputerName>%OSDComputerName%</ComputerName>
      <RegisteredOrganization>%_SMSTSOrgName%</RegisteredOrganization>
      <TimeZone>W. Europe Standard Time</TimeZone>
    </component>
    <component name="Microsoft-Windows-UnattendedJoin" processorArchitecture="amd64" publicKeyToken="31bf3856ad364e35" language="neutral" versionScope="nonSxS">
      <Identification><JoinWorkgroup>LABBUILD</JoinWorkgroup></Identification>
    </component>
  </settings>
  <settings pass="oobeSystem">
    <component name="Microsoft-Windows-Shell-Setup" processorArchitecture="amd64" publicKeyToken="31bf3856ad364e35" language="neutral" versionScope="nonSxS">
      <UserAccounts><AdministratorPassword><Value>%AdminPassword%</Value><PlainText>true</PlainText></AdministratorPassword></UserAccounts>
      <OOBE><HideEULAPage>true</HideEULAPage><ProtectYourPC>3</ProtectYourPC></OOBE>
    </component>
    <component name="Microsoft-Windows-International-Core" processorArchitecture="amd64" publicKeyToken="31bf3856ad364e35" language="neutral" versionScope="nonSxS">
      <InputLocale>de-DE</InputLocale><SystemLocale>de-DE</SystemLocale><UILanguage>en-US</UILanguage><UserLocale>de-DE</UserLocale>
    </component>
  </settings>
</unattend>
`;

/** Content: the install image, the client package and the answer file package. */
function content(dir: string): string {
  const root = join(dir, 'content');
  for (const id of ['LAB00100', 'LAB00002', 'LAB00050']) mkdirSync(join(root, id), { recursive: true });
  const tree = writeFakeWindowsTree(join(dir, 'tree'));
  captureWim(tree, join(root, 'LAB00100', 'install.wim'), 'Windows 11 Enterprise', ['--flags=Enterprise']);
  writeFileSync(join(root, 'LAB00002', 'ccmsetup.exe'), 'client installer');
  writeFileSync(join(root, 'LAB00050', 'unattend.xml'), ANSWER_FILE);
  return root;
}

/** The built-in desktop with a USB stick (disk 1) for the captured image. */
function withUsbStick(dir: string, base: string): string {
  const profile = builtinProfile(base);
  const usb = { index: 1, sizeGB: 32, bus: 'USB', removable: true, model: 'Lab USB stick', serialNumber: 'USB0001', sectorSize: 512, style: 'MBR', partitions: [{ role: 'Primary', fileSystem: 'NTFS', label: 'CAPTURE', letter: 'D:' }] };
  return writeProfile(dir, `${base}-usb`, profile, { disks: [...(profile.disks as object[]), usb] });
}

function windowsVolume(dir: string): string {
  const found = findWindowsVolume(dir, true);
  assert.ok(found, 'a Windows volume on disk 0');
  return found!;
}

function everyFile(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => readdirSync(d).forEach((n) => (statSync(join(d, n)).isDirectory() ? walk(join(d, n)) : out.push(join(d, n))));
  walk(dir);
  return out;
}

for (const machine of ['uefi-desktop', 'bios-desktop']) {
  test(`${machine}: build and capture the reference computer, then deploy the capture to a blank machine`, async () => {
    const ref = workDir();
    const r = await runSequenceFile(FIXTURE, ref, [
      '--machine', withUsbStick(ref, machine), '--media-type', 'BootMedia', '--content', content(ref),
      '--var', 'OSDComputerName=REF-BUILD01', '--var', '_SMSTSOrgName=Lab Builds', '--secret-var', `AdminPassword=${ADMIN_PASSWORD}`,
    ]);
    assert.equal(r.code, 0, r.stderr + r.stdout.slice(-3000));
    const outcome = Object.fromEntries(r.report.steps.map((s) => [s.name, s.outcome]));
    assert.equal(outcome['Restart in Windows PE'], 'skipped');
    assert.equal(outcome[machine === 'uefi-desktop' ? 'Partition Disk 0 - BIOS' : 'Partition Disk 0 - UEFI'], 'skipped');
    assert.deepEqual(r.report.reboots.map((b) => b.target), ['HD', 'WinPE']);

    // Windows Setup applied the answer file on the reference computer before Sysprep generalized it again.
    const refVolume = windowsVolume(ref);
    const state = JSON.parse(readFileSync(join(refVolume, STATE_FILE), 'utf8'));
    assert.equal(state.phase, 'generalized');
    assert.equal(state.computerName, undefined);
    assert.deepEqual(state.membership, { kind: 'workgroup', name: 'LABBUILD' });
    assert.equal(state.timeZone, 'W. Europe Standard Time');
    assert.equal(state.registeredOrganization, 'Lab Builds');
    assert.deepEqual(state.locale, { inputLocale: 'de-DE', systemLocale: 'de-DE', uiLanguage: 'en-US', userLocale: 'de-DE' });
    assert.equal(state.administratorEnabled, true);
    assert.equal(state.configMgrClient.state, 'prepared');
    assert.ok(state.history.includes('setup: computer name REF-BUILD01'), state.history.join('\n'));
    assert.ok(r.log.some((e) => e.component === 'WindowsSetup' && /joined workgroup LABBUILD/.test(e.message)));
    const answer = readFileSync(join(refVolume, 'Windows', 'Panther', 'unattend.xml'), 'utf8');
    assert.match(answer, /<Value>\*SENSITIVE\*DATA\*DELETED\*<\/Value>/);
    assert.match(answer, /<ProtectYourPC>3<\/ProtectYourPC>/);

    // The capture: one image on the USB stick, verified by wimlib.
    const wim = join(ref, 'state', 'machine', 'volumes', 'disk1-part1', 'Captures', 'reference.wim');
    execFileSync('wimlib-imagex', ['verify', wim], { stdio: 'ignore' });
    const info = execFileSync('wimlib-imagex', ['info', wim], { encoding: 'utf8' });
    // One image per lettered volume: the BIOS layout's System Reserved volume is captured too, as index 1.
    assert.match(info, new RegExp(`Image Count:\\s+${machine === 'bios-desktop' ? 2 : 1}`));
    assert.match(info, /Description:\s+Reference image/);
    const names = [...info.matchAll(/^Name:\s+(.*)$/gm)].map((m) => m[1]);
    const windowsIndex = names.findIndex((n) => /Windows/.test(n)) + 1;
    assert.ok(windowsIndex > 0, names.join(', '));

    // No secret anywhere outside the target volume's answer file (which Setup masked).
    for (const file of everyFile(ref).filter((f) => !f.endsWith('.wim') && !f.endsWith('.img'))) {
      const text = readFileSync(file, 'latin1');
      for (const secret of [ADMIN_PASSWORD, 'Capture-Pass-9']) assert.ok(!text.includes(secret), `${secret} in ${file}`);
    }

    // Deploy the capture to a blank machine: right after Apply OS the volumes are equal file for file.
    const target = workDir();
    const packages = join(target, 'content');
    mkdirSync(join(packages, 'LAB00300'), { recursive: true });
    copyFileSync(wim, join(packages, 'LAB00300', 'reference.wim'));
    const applyOnly = writeFixture(target, 'apply.xml', sequence([partitionDisk('Partition', 'GPT', UEFI_LAYOUT), applyOs('Apply the reference image', 'LAB00300', { index: windowsIndex })]));
    const applied = await runSequenceFile(applyOnly, target, ['--machine', 'hyperv-vm', '--content', packages]);
    assert.equal(applied.code, 0, applied.stderr + applied.stdout.slice(-2000));
    const a = volumeTree(refVolume);
    const onlyApplied = volumeTree(windowsVolume(target));
    const answerFile = 'Windows/Panther/unattend.xml';
    assert.deepEqual([...onlyApplied.keys()].sort(), [...a.keys()].sort());
    for (const [k, v] of a) if (k !== answerFile) assert.equal(onlyApplied.get(k), v, k);

    // ...and after Windows Setup they differ only where setting up a generalized image writes.
    const deploy = writeFixture(target, 'deploy.xml', sequence([partitionDisk('Partition', 'GPT', UEFI_LAYOUT), applyOs('Apply the reference image', 'LAB00300', { index: windowsIndex }), setupWindows('Setup Windows')]));
    const d = await runSequenceFile(deploy, target, ['--machine', 'hyperv-vm', '--content', packages, '--reset', '--var', 'OSDComputerName=PC-0001']);
    assert.equal(d.code, 0, d.stderr + d.stdout.slice(-2000));
    assert.equal(d.report.variables._SMSTSInWinPE, 'false');
    assert.equal(d.report.variables._SMSTSMachineName, 'PC-0001');
    const b = volumeTree(windowsVolume(target));
    const documented = new Set([STATE_FILE, answerFile, 'Windows/SMSCFG.ini']);
    const differing = [...new Set([...a.keys(), ...b.keys()])].filter((k) => a.get(k) !== b.get(k)).sort();
    assert.deepEqual(differing.filter((k) => !documented.has(k)), []);
    const deployed = JSON.parse(b.get(STATE_FILE)!);
    assert.equal(deployed.phase, 'specialized');
    assert.equal(deployed.computerName, 'PC-0001');
    assert.equal(deployed.configMgrClient.state, 'installed');
  });
}
