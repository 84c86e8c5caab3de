import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { StepDefinitionView } from '../../engine/step-api.ts';
import { createFakeContext, defaults, type FakeContextOptions } from '../test-support/fake-context.ts';
import { addPackageFiles, createImagingFake, createVolumesFake, GiB, image, labDisks, wim } from '../test-support/image-step-fakes.ts';
import { applyDataImageStep, APPLY_DATA_IMAGE_TYPE } from './index.ts';

const DATA = wim('/content/DAT00001/data.wim', [image(1, 'Data', { architecture: 'x86', totalBytes: 6 * GiB })]);

function setup(options: Record<string, string | [string, string]>, more: FakeContextOptions = {}, free: Record<string, number> = { 'C:': 90 * GiB, 'D:': 30 * GiB }) {
  const imaging = createImagingFake([DATA]);
  const volumes = createVolumesFake(free);
  const f = createFakeContext({
    node: { type: APPLY_DATA_IMAGE_TYPE, defaultVarList: defaults(options) },
    environment: { inWinPE: true }, disks: labDisks(), packages: { DAT00001: '/content/DAT00001' },
    imaging: imaging.port, volumes: volumes.port, ...more,
  });
  addPackageFiles(f, { DAT00001: { 'data.wim': '', 'readme.txt': '' } });
  return { f, imaging, volumes, run: () => applyDataImageStep.run(f.ctx) };
}

const BASE = { ImagePackageID: 'DAT00001', ImageIndex: ['OSDDataImageIndex', '1'] as [string, string], DestinationDriveLetter: 'D:' };

test('wipes by default, applies, no boot files, no answer file, no architecture check', async () => {
  const s = setup(BASE);
  assert.deepEqual(await s.run(), { exitCode: 0 });
  assert.deepEqual(s.volumes.wipes, [{ letter: 'D:', keep: ['_SMSTaskSequence'] }]);
  assert.deepEqual(s.imaging.applied, [{ path: '/content/DAT00001/data.wim', index: 1, target: 'D:' }]);
  assert.deepEqual(s.imaging.bootFiles, []);
  assert.equal(s.volumes.files.size, 0);
  assert.equal(s.f.store.has('OSDTargetSystemDrive'), false);
  assert.equal(s.f.store.get('_OSDAppliedTargets'), 'D:');
});

test('WipeDestinationPartition false adds to the volume; its free space alone must hold the image', async () => {
  const keep = setup({ ...BASE, WipeDestinationPartition: ['OSDWipeDestinationPartition', 'false'] }, {}, { 'C:': 90 * GiB, 'D:': 7 * GiB });
  assert.deepEqual(await keep.run(), { exitCode: 0 });
  assert.deepEqual(keep.volumes.wipes, []);
  assert.equal(keep.imaging.applied.length, 1);
  const small = setup({ ...BASE, DestinationDriveLetter: 'C:', WipeDestinationPartition: 'FALSE' }, {}, { 'C:': 1 * GiB });
  const r = await small.run();
  assert.equal(r.exitCode, 112);
  assert.match(r.message ?? '', /needs 6\.0 GiB .* but C: has 1\.0 GiB \(\d+ bytes\) free$/);
  assert.deepEqual(small.imaging.applied, []);
});

test('next available partition skips one an earlier image step targeted', async () => {
  const s = setup({ ImagePackageID: 'DAT00001', ImageIndex: '1' }, { globals: { _OSDAppliedTargets: 'C:' } });
  assert.equal((await s.run()).exitCode, 0);
  assert.equal(s.imaging.applied[0].target, 'D:');
  assert.equal(s.f.store.get('_OSDAppliedTargets'), 'C:,D:');
});

test('outside Windows PE it fails before touching anything', async () => {
  const s = setup(BASE, { environment: { inWinPE: false } });
  assert.deepEqual(await s.run(), { exitCode: 50, message: 'Apply Data Image runs only in Windows PE' });
  assert.deepEqual(s.volumes.wipes, []);
});

test('validate: flag values and the options the data step does not have', () => {
  const view = (options: Record<string, string>): StepDefinitionView => ({ node: { kind: 'step', name: 'Data', type: APPLY_DATA_IMAGE_TYPE }, options, optionVariables: {} });
  const codes = (o: Record<string, string>) => applyDataImageStep.validate!(view(o)).map((p) => `${p.code}:${p.field}`);
  assert.deepEqual(codes({ ImagePackageID: 'DAT00001', ImageIndex: '1', WipeDestinationPartition: 'true' }), []);
  assert.deepEqual(codes({ ImagePackageID: 'DAT00001', ImageIndex: '1', WipeDestinationPartition: 'maybe' }), ['invalid-flag:WipeDestinationPartition']);
  assert.deepEqual(codes({ InstallPackageID: 'X', ImageIndex: '1' }), ['missing-image:ImagePackageID']);
});
