import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createFakeContext } from '../test-support/fake-context.ts';
import { convertDiskStep, CONVERT_DISK_TYPE, CONVERT_DISK_UNSUPPORTED } from './index.ts';

test('validation stops a sequence with Convert Disk to Dynamic; run fails the same way', async () => {
  const view = { node: { kind: 'step' as const, name: 'Convert', type: CONVERT_DISK_TYPE }, options: { DiskIndex: '0' }, optionVariables: { DiskIndex: 'OSDConvertDiskIndex' } };
  assert.deepEqual(convertDiskStep.validate!(view), [{ severity: 'error', code: 'unsupported-step', message: CONVERT_DISK_UNSUPPORTED }]);
  assert.match(CONVERT_DISK_UNSUPPORTED, /^Convert Disk to Dynamic is not supported: dynamic disks are deprecated/);
  const f = createFakeContext({ node: { type: CONVERT_DISK_TYPE } });
  assert.deepEqual(await convertDiskStep.run(f.ctx), { exitCode: 50, message: CONVERT_DISK_UNSUPPORTED });
});
