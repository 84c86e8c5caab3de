import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EXIT_NOT_SUPPORTED, PortRefusal } from '../../engine/step-api.ts';
import { engineResult } from '../test-support/engine-result.ts';
import type { StepDefinitionView } from '../../engine/step-api.ts';
import { createFakeContext } from '../test-support/fake-context.ts';
import type { FakeContextOptions } from '../test-support/fake-context.ts';
import { partitionDiskStep, PARTITION_DISK_TYPE } from './index.ts';
import { disk, MDT_BIOS, MDT_UEFI, optionSet } from './test-fixtures.ts';

function context(options: Record<string, string>, more: FakeContextOptions = {}) {
  const defaultVarList = Object.entries(options).map(([property, value]) => ({ name: `OSD${property}`, property, value }));
  return createFakeContext({ node: { type: PARTITION_DISK_TYPE, action: 'osddiskpart.exe', defaultVarList }, environment: { inWinPE: true }, disks: [disk()], ...more });
}

test('applies the plan and sets each letter variable to the letter its partition got', async () => {
  const f = context(MDT_UEFI, { applyLayout: (l) => ({ diskIndex: l.diskIndex, letters: [{ number: 1, letter: 'S:' }, { number: 3, letter: 'C' }, { number: 4 }] }) });
  const r = await partitionDiskStep.run(f.ctx);
  assert.deepEqual(r, { exitCode: 0 });
  assert.equal(f.store.get('OSDisk'), 'C:');
  assert.equal(f.applied.length, 1);
  assert.deepEqual(f.applied[0].partitions.map((p) => p.role), ['EFI', 'MSR', 'Primary', 'Recovery']);
  assert.match(f.logText(), /partition 3 Primary: at 628 MiB, 129138 MiB, NTFS "Windows" \(quick\), letter -> OSDisk/);
  assert.match(f.logText(), /Set OSDisk = C: \(partition 3\)/);
});

test('a global overriding the style and disk variables wins', async () => {
  const f = context(MDT_BIOS, {
    globals: { OSDDiskIndex: '1' },
    disks: [disk(), disk({ index: 1, model: 'Second' })],
    applyLayout: (l) => ({ diskIndex: l.diskIndex, letters: [{ number: 2, letter: 'D:' }] }),
  });
  assert.equal((await partitionDiskStep.run(f.ctx)).exitCode, 0);
  assert.equal(f.applied[0].diskIndex, 1);
  assert.equal(f.store.get('OSDisk'), 'D:');
});

test('a plan refusal fails with 87 and never calls apply (the fake would throw)', async () => {
  const f = context(optionSet('GPT', [['Primary', '200', 'GB', 'NTFS']]));
  const r = await partitionDiskStep.run(f.ctx);
  assert.equal(r.exitCode, 87);
  assert.equal(r.message, 'partition 1 needs 204800 MiB but only 131070 MiB are left on disk 0 (options Partitions0Size, Partitions0SizeUnits)');
  assert.deepEqual(f.applied, []);
});

test('a disk index that does not exist fails and lists the disks', async () => {
  const f = context({ ...MDT_BIOS, DiskIndex: '2' });
  const r = await partitionDiskStep.run(f.ctx);
  assert.equal(r.exitCode, 87);
  assert.equal(r.message, 'disk 2 does not exist (option DiskIndex); disks present: 0 (128 GiB NVMe)');
});

test('outside Windows PE the step fails without touching disks', async () => {
  const f = context(MDT_BIOS, { environment: { inWinPE: false }, disks: undefined });
  const r = await partitionDiskStep.run(f.ctx);
  assert.deepEqual(r, { exitCode: 50, message: 'Format and Partition Disk runs only in Windows PE' });
});

test('a backend refusal (unsupported) becomes a failed step; DYNAMIC fails before the disk is read', async () => {
  const f = context(MDT_BIOS, { applyLayout: () => { throw new PortRefusal('unsupported', 'disk 0 partition 3: cannot format', EXIT_NOT_SUPPORTED); } });
  assert.deepEqual(await engineResult(partitionDiskStep.run(f.ctx)), { exitCode: 50, message: 'disk 0 partition 3: cannot format' });
  const d = context({ ...MDT_BIOS, DiskType: 'DYNAMIC' }, { disks: undefined });
  assert.equal((await partitionDiskStep.run(d.ctx)).exitCode, 87);
});

test('a letter variable without a letter is left unset with a warning; count mismatch is logged', async () => {
  const f = context({ ...MDT_BIOS, Partitions: '2' }, { applyLayout: (l) => ({ diskIndex: l.diskIndex, letters: [] }) });
  assert.equal((await partitionDiskStep.run(f.ctx)).exitCode, 0);
  assert.equal(f.store.has('OSDisk'), false);
  assert.ok(f.logs.some((l) => l.severity === 'warning' && l.message === 'partition 2 got no drive letter; OSDisk is not set'));
  assert.ok(f.logs.some((l) => l.severity === 'warning' && /Partitions is 2 but 3 partition entries are present/.test(l.message)));
});

function view(options: Record<string, string>): StepDefinitionView {
  return { node: { kind: 'step', name: 'Partition', type: PARTITION_DISK_TYPE }, options, optionVariables: Object.fromEntries(Object.keys(options).map((k) => [k, `OSD${k}`])) };
}
const problems = (o: Record<string, string>) => partitionDiskStep.validate!(view(o)).map((p) => `${p.severity}:${p.code}:${p.field}`);

test('validate: the real templates pass', () => {
  assert.deepEqual(problems(MDT_BIOS), []);
  assert.deepEqual(problems(MDT_UEFI), []);
});

test('validate: value problems name the property', () => {
  assert.deepEqual(problems({ ...MDT_BIOS, PartitionStyle: 'APM' }), ['error:invalid-partition-style:PartitionStyle']);
  assert.deepEqual(problems({ ...MDT_BIOS, Partitions1Type: 'Swap' }), ['error:invalid-partition-type:Partitions1Type']);
  assert.deepEqual(problems({ ...MDT_BIOS, Partitions2SizeUnits: 'TB' }), ['error:invalid-size-units:Partitions2SizeUnits']);
  assert.deepEqual(problems({ ...MDT_BIOS, Partitions2Size: '101' }), ['error:invalid-partition-size:Partitions2Size']);
  assert.deepEqual(problems({ ...MDT_BIOS, Partitions0Size: '0' }), ['error:invalid-partition-size:Partitions0Size']);
  assert.deepEqual(problems({ ...MDT_BIOS, Partitions0FileSystem: 'exFAT' }), ['error:invalid-file-system:Partitions0FileSystem']);
  assert.deepEqual(problems({ ...MDT_BIOS, DiskType: 'DYNAMIC' }), ['error:dynamic-disk:DiskType']);
  assert.deepEqual(problems({ ...MDT_BIOS, Partitions1VolumeLetterVariable: '_SMSTSOSDisk' }), ['error:read-only-variable:Partitions1VolumeLetterVariable']);
  assert.deepEqual(problems({ ...MDT_BIOS, Partitions1VolumeLetterVariable: 'OS Disk' }), ['error:invalid-variable-name:Partitions1VolumeLetterVariable']);
  assert.deepEqual(problems({ ...MDT_BIOS, Partitions: '4' }), ['warning:partition-count-mismatch:Partitions']);
});

test('validate: layout rules that need no disk', () => {
  assert.deepEqual(problems({ ...MDT_BIOS, Partitions1Size: '' }), ['error:partition-after-rest-of-disk:Partitions2Size']);
  assert.deepEqual(problems({ ...MDT_UEFI, PartitionStyle: 'MBR' }), ['error:partition-type-not-on-mbr:Partitions0Type', 'error:partition-type-not-on-mbr:Partitions1Type']);
  assert.deepEqual(problems(optionSet('MBR', [['Primary', '1', 'GB'], ['Primary', '1', 'GB'], ['Primary', '1', 'GB'], ['Hidden', '1', 'GB'], ['Recovery']])), ['error:too-many-primary-partitions:Partitions4Type']);
});

test('validate: values that reference %VAR% are only checked at run time', () => {
  assert.deepEqual(problems({ ...MDT_BIOS, PartitionStyle: '%Style%', Partitions1Size: '%WinSize%', Partitions1VolumeLetterVariable: '%LetterVar%' }), []);
});
