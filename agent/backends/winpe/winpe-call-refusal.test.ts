import assert from 'node:assert/strict';
import { test } from 'node:test';
import { machineJudgeFor } from '../select.ts';
import {
  WINPE_LOADSTATE_REFUSAL, WINPE_POWERSHELL_REFUSAL, WINPE_RESTART_REFUSAL, WINPE_SCANSTATE_REFUSAL, WINPE_SYSPREP_REFUSAL, winpeCallRefusal,
} from './winpe-call-refusal.ts';

test('before the run, the Windows backend refuses restarts, Sysprep, USMT and PowerShell, with the reasons its ports give', () => {
  assert.equal(winpeCallRefusal({ kind: 'restart', target: 'HD' }), WINPE_RESTART_REFUSAL);
  assert.equal(winpeCallRefusal({ kind: 'restart', target: 'WinPE' }), WINPE_RESTART_REFUSAL);
  assert.equal(winpeCallRefusal({ kind: 'generalize' }), WINPE_SYSPREP_REFUSAL);
  assert.equal(winpeCallRefusal({ kind: 'user-state', operation: 'capture' }), WINPE_SCANSTATE_REFUSAL);
  assert.equal(winpeCallRefusal({ kind: 'user-state', operation: 'restore' }), WINPE_LOADSTATE_REFUSAL);
  assert.equal(winpeCallRefusal({ kind: 'command', commandKind: 'powershell' }), WINPE_POWERSHELL_REFUSAL);
  assert.match(WINPE_SYSPREP_REFUSAL, /^Sysprep is not done by the Windows backend in this version$/);
});

test('a Windows command line and a disk are not refused before the run', () => {
  for (const commandLine of ['cmd.exe /c ver', '%TOOLS%\\x.cmd /q', "/bin/sh -c 'x'"]) {
    assert.equal(winpeCallRefusal({ kind: 'command', commandKind: 'command-line', commandLine }), undefined, commandLine);
  }
  assert.equal(winpeCallRefusal({ kind: 'disk', index: 0 }), undefined);
});

test('a winpe run has the judge; a winpe plan shows refusals under their steps instead', () => {
  assert.equal(machineJudgeFor({ backend: 'winpe' })?.backend, 'winpe');
  assert.equal(machineJudgeFor({ backend: 'winpe' })?.refusal({ kind: 'generalize' }), WINPE_SYSPREP_REFUSAL);
  assert.equal(machineJudgeFor({ backend: 'winpe', plan: { record: () => undefined } as never }), undefined);
});
