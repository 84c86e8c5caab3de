import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { MachineCall, StepDefinitionView, StepModule } from '../engine/step-api.ts';
import { STEP_MODULES } from './modules.ts';

const view = (type: string, options: Record<string, string> = {}, action?: string): StepDefinitionView =>
  ({ node: { kind: 'step', name: 's', type, ...(action ? { action } : {}) }, options, optionVariables: {} } as StepDefinitionView);
const calls = (id: string, v: StepDefinitionView): MachineCall[] | undefined => STEP_MODULES.find((m: StepModule) => m.id === id)!.machineCalls?.(v);

test('the steps that need Windows or a restart say so before the run', () => {
  assert.deepEqual(calls('run-command-line', view('SMS_TaskSequence_RunCommandLineAction', { CommandLine: ' cmd.exe /c ver ' })),
    [{ kind: 'command', commandKind: 'command-line', commandLine: 'cmd.exe /c ver', field: 'CommandLine' }]);
  assert.deepEqual(calls('run-command-line', view('BDD_Gather', {}, 'cscript.exe "%SCRIPTROOT%\\ZTIGather.wsf"')),
    [{ kind: 'command', commandKind: 'command-line', commandLine: 'cscript.exe "%SCRIPTROOT%\\ZTIGather.wsf"', field: 'action' }]);
  assert.deepEqual(calls('run-powershell', view('SMS_TaskSequence_RunPowerShellScriptAction')), [{ kind: 'command', commandKind: 'powershell' }]);
  assert.deepEqual(calls('restart-computer', view('SMS_TaskSequence_RebootAction', {}, 'smsboot.exe /target:WinPE')), [{ kind: 'restart', target: 'WinPE', field: 'Target' }]);
  assert.deepEqual(calls('restart-computer', view('SMS_TaskSequence_RebootAction', { Target: 'nowhere' })), [], 'an invalid target is the validation\'s finding');
  assert.deepEqual(calls('setup-windows-and-configmgr', view('SMS_TaskSequence_SetupWindowsAndSMSAction')), [{ kind: 'restart', target: 'HD' }]);
  assert.deepEqual(calls('join-domain-workgroup', view('SMS_TaskSequence_JoinDomainWorkgroupAction')), [{ kind: 'restart', target: 'HD' }]);
  assert.deepEqual(calls('join-domain-workgroup', view('SMS_TaskSequence_JoinDomainWorkgroupAction', { SkipReboot: 'true' })), []);
  assert.deepEqual(calls('prepare-windows-for-capture', view('SMS_TaskSequence_PrepareOSAction')), [{ kind: 'generalize' }]);
  assert.deepEqual(calls('capture-user-state', view('OSDCaptureUserState')), [{ kind: 'user-state', operation: 'capture' }]);
  assert.deepEqual(calls('restore-user-state', view('OSDRestoreUserState')), [{ kind: 'user-state', operation: 'restore' }]);
  // Steps that change the machine only through disks, images and files declare nothing: every live backend does those.
  assert.equal(calls('apply-operating-system', view('SMS_TaskSequence_ApplyOperatingSystemAction')), undefined);
});
