import assert from 'node:assert/strict';
import { test } from 'node:test';
import { workDir, writeFixture } from '../../test/support/harness.ts';
import { partitionDisk, sequence } from '../../test/support/sequence-builder.ts';
import { prepareRun } from '../load/prepare-run.ts';
import { sequenceDisks } from './sequence-disks.ts';

const LAYOUT = [{ type: 'Primary' as const, fileSystem: 'NTFS' as const, size: '100', units: '%' as const, volumeName: 'W' }];

test('--yes covers the disks active steps name by a literal number, not disabled steps or numbers from variables', () => {
  const file = writeFixture(workDir('taskseq-disks-'), 'ts.xml', sequence([
    partitionDisk('Second disk', 'GPT', LAYOUT, { disk: 1 }),
    partitionDisk('First disk', 'GPT', LAYOUT, { disk: 0 }),
    partitionDisk('Again', 'MBR', LAYOUT, { disk: 1 }),
    partitionDisk('Off', 'GPT', LAYOUT, { disk: 5, disable: true }),
  ]).replace('<variable name="OSDDiskIndex" property="DiskIndex">0</variable>', '<variable name="OSDDiskIndex" property="DiskIndex">%TargetDisk%</variable>'));
  const prepared = prepareRun({ file, allowUnknownSteps: false, mode: 'validate' });
  assert.deepEqual(sequenceDisks(prepared.program, prepared.registry), [1]);
});
