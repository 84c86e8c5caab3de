import { test } from 'node:test';
import assert from 'node:assert/strict';
import { captureLocalProfile } from './profile-capture.ts';
import { validateProfile } from './profile-validate.ts';

test('a profile captured from this PC passes validation', async () => {
  const profile = await captureLocalProfile();
  assert.deepEqual(validateProfile(profile, 'captured'), []);
  assert.match(profile.name, /^captured-/);
  assert.equal(profile.environment.inWinPE, true);
  assert.ok(profile.system.memoryMB > 0);
  assert.ok(profile.system.cpu.cores >= 1);
  assert.equal(process.platform === 'win32', profile.os !== undefined);
});
