import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EXIT_NOT_SUPPORTED, PortRefusal, TaskseqError } from '../../engine/step-api.ts';
import { engineResult } from '../test-support/engine-result.ts';
import type { StepDefinitionView } from '../../engine/step-api.ts';
import { createFakeContext, defaults, type FakeContextOptions } from '../test-support/fake-context.ts';
import { addPackageFiles, createImagingFake, createVolumesFake, GiB, image, labDisks, wim } from '../test-support/image-step-fakes.ts';
import { applyOperatingSystemStep, APPLY_OS_TYPE, MDT_INSTALL_OS_TYPE } from './index.ts';

const WIM_PATH = '/content/LAB00100/install.wim';
const PACKAGES = { LAB00100: '/content/LAB00100', LAB00200: '/content/LAB00200', CFG00001: '/content/CFG00001', 'DEADBEEF-0001': '/content/DEADBEEF-0001' };
const FILES = { LAB00100: { 'install.wim': '' }, LAB00200: { 'x86.wim': '' }, CFG00001: {}, 'DEADBEEF-0001': { 'custom.wim': '' } };
const WIMS = [
  wim(WIM_PATH, [image(1, 'Windows 11 Pro'), image(2, 'Windows 11 Enterprise')]),
  wim('/content/LAB00200/x86.wim', [image(1, 'Windows 10 Pro', { architecture: 'x86' })]),
  wim('/content/DEADBEEF-0001/custom.wim', [image(1, 'Reference', { architecture: '' })]),
];

interface Setup {
  options: Record<string, string | [string, string]>;
  type?: string;
  more?: FakeContextOptions;
  free?: Record<string, number>;
  files?: Record<string, Record<string, string>>;
  refuseApply?: TaskseqError;
}

function setup({ options, type = APPLY_OS_TYPE, more = {}, free = { 'C:': 90 * GiB, 'D:': 30 * GiB }, files = FILES, refuseApply }: Setup) {
  const imaging = createImagingFake(WIMS, refuseApply);
  const volumes = createVolumesFake(free);
  const f = createFakeContext({
    node: { type, defaultVarList: defaults(options) },
    environment: { inWinPE: true, firmware: 'UEFI' },
    disks: labDisks(),
    packages: PACKAGES,
    imaging: imaging.port,
    volumes: volumes.port,
    ...more,
  });
  addPackageFiles(f, files);
  return { f, imaging, volumes, run: () => engineResult(applyOperatingSystemStep.run(f.ctx)) };
}

const BASE = { ImagePackageID: 'LAB00100', ImageIndex: ['OSDImageIndex', '1'] as [string, string] };

function untouched(s: ReturnType<typeof setup>): void {
  assert.deepEqual(s.volumes.wipes, []);
  assert.deepEqual(s.imaging.applied, []);
  assert.deepEqual(s.imaging.bootFiles, []);
  assert.equal(s.volumes.files.size, 0);
}

test('variable destination holding a letter: wipes, applies, writes boot files and the answer file, sets outputs', async () => {
  const s = setup({ options: { ...BASE, DestinationVariable: 'OSDisk' }, more: { globals: { OSDisk: 'C:', OSDComputerName: 'PC-7' } } });
  assert.deepEqual(await s.run(), { exitCode: 0 });
  assert.deepEqual(s.volumes.wipes, [{ letter: 'C:', keep: ['_SMSTaskSequence'] }]);
  assert.deepEqual(s.imaging.applied, [{ path: WIM_PATH, index: 1, target: 'C:' }]);
  assert.deepEqual(s.f.progress, [{ activity: 'Applying image 1', percent: 100, bytesDone: 8 * GiB, bytesTotal: 8 * GiB }], 'the port\'s progress reaches the context');
  assert.deepEqual(s.imaging.bootFiles, [{ windowsPath: 'C:\\Windows', firmware: 'UEFI' }]);
  const unattend = s.volumes.files.get('C:|Windows\\Panther\\unattend.xml') ?? '';
  assert.match(unattend, /<unattend xmlns="urn:schemas-microsoft-com:unattend">/);
  assert.match(unattend, /<settings pass="specialize">[\s\S]*<ComputerName>PC-7<\/ComputerName>/);
  assert.match(unattend, /<settings pass="oobeSystem">/);
  assert.equal(s.f.store.get('OSDTargetSystemDrive'), 'C:');
  assert.equal(s.f.store.get('OSDTargetSystemRoot'), 'C:\\Windows');
  assert.equal(s.f.store.get('_OSDAppliedTargets'), 'C:');
  assert.match(s.f.logText(), /kept _SMSTaskSequence/);
});

test('variable destination holding disk,partition; disk + partition; drive letter', async () => {
  const pair = setup({ options: { ...BASE, DestinationVariable: 'OSDisk' }, more: { globals: { OSDisk: '1,1' } } });
  assert.equal((await pair.run()).exitCode, 0);
  assert.equal(pair.imaging.applied[0].target, 'D:');
  const disk = setup({ options: { ...BASE, DestinationDisk: ['OSDDestinationDisk', '0'], DestinationPartition: ['OSDDestinationPartition', '3'] } });
  assert.equal((await disk.run()).exitCode, 0);
  assert.equal(disk.imaging.applied[0].target, 'C:');
  const letter = setup({ options: { ...BASE, DestinationDriveLetter: 'd' }, more: { environment: { inWinPE: true, firmware: 'BIOS' } } });
  assert.equal((await letter.run()).exitCode, 0);
  assert.equal(letter.imaging.applied[0].target, 'D:');
  assert.deepEqual(letter.imaging.bootFiles, [{ windowsPath: 'D:\\Windows', firmware: 'BIOS' }]);
});

test('next available partition: two runs target two different partitions, skipping EFI, MSR and unlettered ones', async () => {
  const s = setup({ options: BASE });
  assert.equal((await s.run()).exitCode, 0);
  assert.equal((await s.run()).exitCode, 0);
  assert.deepEqual(s.imaging.applied.map((a) => a.target), ['C:', 'D:']);
  assert.equal(s.f.store.get('_OSDAppliedTargets'), 'C:,D:');
  const third = await s.run();
  assert.equal(third.exitCode, 87);
  assert.match(third.message ?? '', /no formatted partition .*already targeted: C:, D:/);
});

test('the user state folder on the target is kept with the task sequence folder', async () => {
  const s = setup({ options: { ...BASE, DestinationDriveLetter: 'C:' }, more: { globals: { _SMSTSUserStatePath: 'C:\\_SMSTSUserState\\abc' } } });
  assert.equal((await s.run()).exitCode, 0);
  assert.deepEqual(s.volumes.wipes[0].keep, ['_SMSTaskSequence', '_SMSTSUserState']);
});

const refusals: Array<[string, Setup, number, RegExp]> = [
  ['not in Windows PE', { options: BASE, more: { environment: { inWinPE: false } } }, 50, /^Apply Operating System Image runs only in Windows PE$/],
  ['index missing from the WIM', { options: { ...BASE, ImageIndex: ['OSDImageIndex', '3'] } }, 87, /^image index 3 does not exist in install.wim; it holds 1: Windows 11 Pro, 2: Windows 11 Enterprise/],
  ['wrong architecture', { options: { ...BASE, ImagePackageID: 'LAB00200' } }, 50, /^image 1 \(Windows 10 Pro\) is x86; this machine is x64$/],
  ['too big once wiped', { options: BASE, free: { 'C:': 2 * GiB, 'D:': 0 } }, 112, /needs 8\.0 GiB .* but C: has 6\.0 GiB/],
  ['unknown letter', { options: { ...BASE, DestinationDriveLetter: 'Q:' } }, 87, /no volume Q: \(option DestinationDriveLetter\); volumes: C:, D, E:/],
  ['RAW destination', { options: { ...BASE, DestinationDriveLetter: 'E:' } }, 87, /disk 1 partition 2 \(option DestinationDriveLetter\) is not formatted/],
  ['empty destination variable', { options: { ...BASE, DestinationVariable: 'OSDisk' } }, 87, /variable OSDisk \(option DestinationVariable\) is empty/],
  ['missing package', { options: { ...BASE, ImagePackageID: 'NOPE0001' } }, 0x80070002, /package NOPE0001 \(option ImagePackageID\) is not available/],
  ['several WIMs', { options: BASE, files: { ...FILES, LAB00100: { 'a.wim': '', 'b.wim': '' } } }, 87, /several images \(a\.wim, b\.wim\)/],
  ['missing answer file', { options: { ...BASE, ConfigFilePackage: 'CFG00001', ConfigFileName: ['OSDConfigFileName', 'unattend.xml'] } }, 0x80070002, /answer file unattend.xml \(option ConfigFileName\) is not in package CFG00001/],
  ['malformed answer file', { options: { ...BASE, ConfigFilePackage: 'CFG00001', ConfigFileName: 'u.xml' }, files: { ...FILES, CFG00001: { 'u.xml': '<unattend>' } } }, 87, /CFG00001\\u\.xml/],
];

for (const [name, s, code, message] of refusals) {
  test(`refusal leaves the volume untouched: ${name}`, async () => {
    const fx = setup(s);
    const r = await fx.run();
    assert.equal(r.exitCode, code, r.message);
    assert.match(r.message ?? '', message);
    untouched(fx);
  });
}

test('a backend refusal during apply fails the step with its message', async () => {
  const s = setup({ options: BASE, refuseApply: new PortRefusal('unsupported', 'install.wim: LZMS images cannot be applied here', EXIT_NOT_SUPPORTED) });
  assert.deepEqual(await s.run(), { exitCode: 50, message: 'install.wim: LZMS images cannot be applied here' });
  assert.equal(s.f.store.has('OSDTargetSystemDrive'), false);
});

test('the package answer file is merged: its components win, generated passes it lacks are added', async () => {
  const given = `<?xml version="1.0"?><unattend xmlns="urn:schemas-microsoft-com:unattend" xmlns:wcm="http://schemas.microsoft.com/WMIConfig/2002/State">
  <settings pass="specialize"><component name="Microsoft-Windows-Shell-Setup"><ComputerName>%OSDComputerName%</ComputerName><RegisteredOwner>A &amp; B</RegisteredOwner></component></settings>
  <settings pass="windowsPE"><component name="Microsoft-Windows-Setup"><UserData wcm:action="add"><AcceptEula>true</AcceptEula></UserData></component></settings></unattend>`;
  const s = setup({
    options: { ...BASE, ConfigFilePackage: 'CFG00001', ConfigFileName: ['OSDConfigFileName', 'custom.xml'] },
    files: { ...FILES, CFG00001: { 'custom.xml': given } },
    more: { globals: { OSDComputerName: 'PC-7' } },
  });
  assert.equal((await s.run()).exitCode, 0);
  const text = s.volumes.files.get('C:|Windows\\Panther\\unattend.xml') ?? '';
  assert.match(text, /<ComputerName>%OSDComputerName%<\/ComputerName>/);
  assert.doesNotMatch(text, /PC-7/);
  assert.match(text, /A &amp; B/);
  assert.match(text, /<UserData wcm:action="add">/);
  assert.match(text, /<settings pass="oobeSystem">[\s\S]*<HideEULAPage>true<\/HideEULAPage>/);
  assert.match(s.f.logText(), /Merged answer file custom.xml from package CFG00001/);
});

test('secrets never reach the log or the answer file', async () => {
  const s = setup({ options: BASE, more: { secretGlobals: { OSDLocalAdminPassword: 'Sup3rS3cret!' } } });
  assert.equal((await s.run()).exitCode, 0);
  assert.doesNotMatch(s.f.logText(), /Sup3rS3cret/);
  assert.doesNotMatch(s.volumes.files.get('C:|Windows\\Panther\\unattend.xml') ?? '', /Sup3rS3cret/);
});

test('MDT Install Operating System: OSGUID names the package folder, OSDImagePackageId overrides it', async () => {
  const mdt = { OSGUID: '{DEADBEEF-0001}', DestinationOSInstallType: 'ByVariable', DestinationOSVariable: 'OSDisk', DestinationDisk: '0', DestinationPartition: '1' };
  const s = setup({ type: MDT_INSTALL_OS_TYPE, options: mdt, more: { globals: { OSDisk: 'C:' } } });
  assert.equal((await s.run()).exitCode, 0);
  assert.deepEqual(s.imaging.applied, [{ path: '/content/DEADBEEF-0001/custom.wim', index: 1, target: 'C:' }]);
  assert.match(s.f.logText(), /does not state its architecture/);
  const o = setup({ type: MDT_INSTALL_OS_TYPE, options: { ...mdt, DestinationOSInstallType: 'ByDiskPartition', DestinationDisk: '1', DestinationPartition: '1' }, more: { globals: { OSDImagePackageId: 'LAB00100', OSDImageIndex: '2' } } });
  assert.equal((await o.run()).exitCode, 0);
  assert.deepEqual(o.imaging.applied, [{ path: WIM_PATH, index: 2, target: 'D:' }]);
});

test('OS upgrade package: the image is sources/install.wim, the index InstallEditionIndex', async () => {
  const upgrade = wim('/content/LAB00100/sources/install.wim', [image(1, 'Home'), image(6, 'Pro')]);
  const imaging = createImagingFake([upgrade]);
  const volumes = createVolumesFake({ 'C:': 90 * GiB });
  const f = createFakeContext({
    node: { type: APPLY_OS_TYPE, defaultVarList: defaults({ InstallPackageID: 'LAB00100', InstallEditionIndex: ['OSDInstallEditionIndex', '6'], DestinationDriveLetter: 'C:' }) },
    environment: { inWinPE: true }, disks: labDisks(), packages: PACKAGES, imaging: imaging.port, volumes: volumes.port,
  });
  assert.equal((await applyOperatingSystemStep.run(f.ctx)).exitCode, 0);
  assert.deepEqual(imaging.applied, [{ path: '/content/LAB00100/sources/install.wim', index: 6, target: 'C:' }]);
});

function view(options: Record<string, string>, type = APPLY_OS_TYPE): StepDefinitionView {
  return { node: { kind: 'step', name: 'Apply', type }, options, optionVariables: {} };
}
const problems = (o: Record<string, string>, type?: string) => applyOperatingSystemStep.validate!(view(o, type)).map((p) => `${p.code}:${p.field}`);

test('validate: source, index, destination and answer file options', () => {
  assert.deepEqual(problems({ ImagePackageID: 'LAB00100', ImageIndex: '1', DestinationVariable: 'OSDisk' }), []);
  assert.deepEqual(problems({ ImageIndex: '1' }), ['missing-image:ImagePackageID']);
  assert.deepEqual(problems({ ImagePackageID: 'LAB00100', ImageIndex: '0' }), ['invalid-number:ImageIndex']);
  assert.deepEqual(problems({ ImagePackageID: 'LAB00100' }), ['missing-index:ImageIndex']);
  assert.deepEqual(problems({ ImagePackageID: 'LAB00100', ImageIndex: '1', DestinationDisk: '0' }), ['incomplete-destination:DestinationPartition']);
  assert.deepEqual(problems({ ImagePackageID: 'LAB00100', ImageIndex: '1', ConfigFileName: 'u.xml' }), ['config-without-package:ConfigFileName']);
  assert.deepEqual(problems({ ImagePackageID: 'LAB00100', ImageIndex: '1', DestinationDriveLetter: 'CC' }), ['invalid-drive-letter:DestinationDriveLetter']);
  assert.deepEqual(problems({ ImagePackageID: 'LAB00100', ImageIndex: '%Idx%', DestinationDriveLetter: '%L%' }), []);
  assert.deepEqual(problems({ OSGUID: '{x}', DestinationOSInstallType: 'Sideways' }, MDT_INSTALL_OS_TYPE), ['invalid-install-type:DestinationOSInstallType']);
  assert.deepEqual(problems({ OSGUID: '{x}', DestinationOSInstallType: 'NextPartition', DestinationDisk: '0', DestinationPartition: '1' }, MDT_INSTALL_OS_TYPE), []);
});
