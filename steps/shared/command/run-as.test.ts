import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runAsSettings } from './run-as.ts';

test('runAsSettings names the documented variables and properties of a step', () => {
  assert.deepEqual(runAsSettings('RunCommandLine'), {
    flagVariable: 'SMSTSRunCommandLineAsUser',
    userProperties: ['UserName', 'SMSTSRunCommandLineUserName'],
    userVariable: 'SMSTSRunCommandLineUserName',
    passwordProperties: ['UserPassword', 'SMSTSRunCommandLineUserPassword'],
    passwordVariable: 'SMSTSRunCommandLineUserPassword',
  });
  assert.deepEqual(runAsSettings('RunPowerShell'), {
    flagVariable: 'SMSTSRunPowerShellAsUser',
    userProperties: ['UserName', 'SMSTSRunPowerShellUserName'],
    userVariable: 'SMSTSRunPowerShellUserName',
    passwordProperties: ['UserPassword', 'SMSTSRunPowerShellUserPassword'],
    passwordVariable: 'SMSTSRunPowerShellUserPassword',
  });
});
