import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseAction } from './parse-action.ts';

test('parseAction: package after /run:', () => {
  assert.deepEqual(parseAction('smsswd.exe /run:LAB0012F xcopy .\\Config %OSDisk%\\ /s'), {
    packageId: 'LAB0012F',
    commandLine: 'xcopy .\\Config %OSDisk%\\ /s',
  });
});

test('parseAction: /run: followed by a space means no package', () => {
  assert.deepEqual(parseAction('smsswd.exe /run: cmd.exe /c EXIT 253'), { commandLine: 'cmd.exe /c EXIT 253' });
});

test('parseAction: wrapper is case-insensitive and the .exe is optional', () => {
  assert.deepEqual(parseAction('SMSSWD /RUN:ab000001  setup.exe /q'), { packageId: 'ab000001', commandLine: 'setup.exe /q' });
});

test('parseAction: actions without the wrapper are the command line', () => {
  assert.deepEqual(parseAction('cscript.exe "%SCRIPTROOT%\\ZTIGather.wsf"'), {
    commandLine: 'cscript.exe "%SCRIPTROOT%\\ZTIGather.wsf"',
  });
  assert.deepEqual(parseAction('  OSDPrepareSomething.exe /x '), { commandLine: 'OSDPrepareSomething.exe /x' });
});

test('parseAction: wrapper with nothing after it gives an empty command line', () => {
  assert.deepEqual(parseAction('smsswd.exe /run: '), { commandLine: '' });
});
