import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseExitCommand } from './exit-command.ts';

test('exit commands in the usual spellings give their exit code', () => {
  assert.equal(parseExitCommand('cmd.exe /c exit 5'), 5);
  assert.equal(parseExitCommand('cmd /c exit 3010'), 3010);
  assert.equal(parseExitCommand('CMD /C EXIT 1'), 1);
  assert.equal(parseExitCommand('exit /b 7'), 7);
  assert.equal(parseExitCommand('cmd.exe /c exit /b 0'), 0);
  assert.equal(parseExitCommand('C:\\Windows\\System32\\cmd.exe /c exit 2'), 2);
  assert.equal(parseExitCommand('"X:\\Windows\\System32\\cmd.exe" /c exit 4'), 4);
});

test('negative and hex exit codes are accepted', () => {
  assert.equal(parseExitCommand('cmd /c exit -1'), -1);
  assert.equal(parseExitCommand('cmd /c exit 0x80004005'), 0x80004005);
  assert.equal(parseExitCommand('exit /b 0X10'), 16);
});

test('other command lines are not exit commands', () => {
  assert.equal(parseExitCommand('cmd /c exit'), undefined);
  assert.equal(parseExitCommand('cmd /c echo exit 5'), undefined);
  assert.equal(parseExitCommand('cmd /c exit 5 & del x'), undefined);
  assert.equal(parseExitCommand('setup.exe /exit 5'), undefined);
  assert.equal(parseExitCommand('cmd /c exit 99999999999'), undefined);
});
