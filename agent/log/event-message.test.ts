import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderConsoleLine, renderEventMessage, renderHexCode } from './event-message.ts';

const step = { index: 3, path: 'Install/Gather', name: 'Gather', type: 'BDD_Gather' };

test('renders step start, skip and result like smsts.log', () => {
  assert.deepEqual(renderEventMessage({ kind: 'step-start', ...step, attempt: 1 }), {
    message: 'Start executing an instruction. Instruction name: Gather. Instruction pointer: 3',
    type: 1,
  });
  assert.match(renderEventMessage({ kind: 'step-start', ...step, attempt: 2 }).message, /Instruction pointer: 3\. Attempt: 2$/);
  assert.equal(
    renderEventMessage({ kind: 'step-skip', ...step, outcome: 'skipped', reason: '_SMSTSInWinPE (false) = "true"' }).message,
    'The action (Gather) has been skipped because the condition is evaluated to be false: _SMSTSInWinPE (false) = "true"',
  );
  assert.equal(
    renderEventMessage({ kind: 'step-skip', ...step, outcome: 'disabled', reason: 'disabled' }).message,
    'The action (Gather) has been skipped because it is disabled',
  );
  assert.deepEqual(renderEventMessage({ kind: 'step-result', ...step, outcome: 'succeeded', exitCode: 0 }), {
    message: 'Successfully completed the action (Gather) with the exit win32 code 0',
    type: 1,
  });
  assert.deepEqual(renderEventMessage({ kind: 'step-result', ...step, outcome: 'failed', exitCode: 5, reason: 'Access denied' }), {
    message: 'Failed to run the action: Gather. Exit code 5: Access denied',
    type: 3,
  });
});

test('variable lines use ConfigMgr\'s wording; secrets stay masked; a deletion is an empty value', () => {
  assert.deepEqual(renderEventMessage({ kind: 'variable', name: 'OSDComputerName', value: 'PC1', secret: false }),
    { message: 'Set a global environment variable OSDComputerName=PC1', type: 1 });
  assert.equal(renderEventMessage({ kind: 'variable', name: 'OSDJoinPassword', value: 'pw', secret: true }).message,
    'Set a global environment variable OSDJoinPassword=********');
  assert.equal(renderEventMessage({ kind: 'variable', name: 'X', value: null, secret: false }).message, 'Set a global environment variable X=');
});

test('renders reboots and the run bounds; the end carries the exit code as 8 hex digits', () => {
  assert.equal(renderEventMessage({ kind: 'reboot', afterStep: 7, target: 'WinPE' }).message, 'Restarting to WinPE after step 7');
  assert.match(renderEventMessage({ kind: 'run-start', sequence: 'Deploy', packageId: 'P0100012', resumed: true, inWinPE: true }).message, /^Resuming task sequence "Deploy" \(package P0100012\)\. Running in WinPE$/);
  assert.deepEqual(renderEventMessage({ kind: 'run-end', status: 'succeeded', exitCode: 0 }), { message: 'Task sequence completed 0x00000000', type: 1 });
  assert.deepEqual(renderEventMessage({ kind: 'run-end', status: 'failed', exitCode: 4 }), { message: 'Task sequence completed 0x00000004', type: 3 });
  assert.deepEqual(renderEventMessage({ kind: 'run-end', status: 'failed', exitCode: 0x80004005 }), { message: 'Task sequence completed 0x80004005', type: 3 });
});

test('hex codes: unsigned 32-bit, upper case, 8 digits', () => {
  assert.equal(renderHexCode(0), '0x00000000');
  assert.equal(renderHexCode(1460), '0x000005B4');
  assert.equal(renderHexCode(2147500037), '0x80004005');
  assert.equal(renderHexCode(-2147467259), '0x80004005');
  assert.equal(renderHexCode(0x80070032), '0x80070032');
});

test('console lines exist only for step start, skip and result', () => {
  assert.equal(renderConsoleLine({ kind: 'step-start', ...step, attempt: 1 }), '[3] Gather: started');
  assert.equal(renderConsoleLine({ kind: 'step-skip', ...step, outcome: 'disabled', reason: '' }), '[3] Gather: skipped (disabled)');
  assert.equal(renderConsoleLine({ kind: 'step-result', ...step, outcome: 'failed', exitCode: 1, reason: 'boom' }), '[3] Gather: FAILED (exit code 1): boom');
  assert.equal(renderConsoleLine({ kind: 'reboot', afterStep: 1, target: 'HD' }), undefined);
});
