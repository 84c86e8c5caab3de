import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PLAN_DEVICE_NAMES } from '../plan/device-names.ts';
import { linuxCallRefusal, linuxCommandPlanner, RESTART_REFUSAL } from './linux-command-plan.ts';

const planner = linuxCommandPlanner(PLAN_DEVICE_NAMES);
const reasonOf = (actions: ReturnType<typeof planner.runCommand>) => (actions[0]?.kind === 'refused' ? actions[0].reason : undefined);

test('before the run, the Linux backend refuses what its planner refuses at the call, with the same reason', () => {
  for (const commandLine of ['cmd.exe /c ver', 'x.exe', 'C:\\tools\\x.cmd', 'setup', '"\\bin\\sh"']) {
    assert.equal(linuxCallRefusal({ kind: 'command', commandKind: 'command-line', commandLine }),
      reasonOf(planner.runCommand({ kind: 'command-line', commandLine, secret: false })), commandLine);
    assert.match(linuxCallRefusal({ kind: 'command', commandKind: 'command-line', commandLine }) ?? '', /a Windows command line cannot run on the Linux backend/);
  }
  assert.match(linuxCallRefusal({ kind: 'command', commandKind: 'powershell' }) ?? '', /a PowerShell script cannot run/);
  assert.equal(linuxCallRefusal({ kind: 'restart', target: 'HD' }), RESTART_REFUSAL);
  assert.equal(linuxCallRefusal({ kind: 'restart', target: 'WinPE' }), RESTART_REFUSAL);
  assert.equal(linuxCallRefusal({ kind: 'generalize' }), reasonOf(planner.generalize({ keepActivation: false, buildMassStorageList: false }, 'C:\\Windows', { disks: [], architecture: 'x64', volume: () => undefined })));
  assert.match(linuxCallRefusal({ kind: 'user-state', operation: 'capture' }) ?? '', /^ScanState/);
  assert.match(linuxCallRefusal({ kind: 'user-state', operation: 'restore' }) ?? '', /^LoadState/);
});

test('a Linux command line, and one whose program comes from a variable, are not refused before the run', () => {
  assert.equal(linuxCallRefusal({ kind: 'command', commandKind: 'command-line', commandLine: "/bin/sh -c 'echo hi'" }), undefined);
  assert.equal(linuxCallRefusal({ kind: 'command', commandKind: 'command-line', commandLine: '%TOOLS%/run.sh' }), undefined);
  assert.equal(linuxCallRefusal({ kind: 'command', commandKind: 'command-line', commandLine: '"%ProgramFiles%\\x.exe" /q' }), undefined);
});
