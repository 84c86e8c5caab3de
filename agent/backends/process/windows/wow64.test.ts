import assert from 'node:assert/strict';
import { test } from 'node:test';
import { commandInterpreter } from './wow64.ts';
import { fakeHost } from './test-support/fake-spawn.ts';

const WITH_WOW64 = ['C:\\Windows\\System32\\cmd.exe', 'C:\\Windows\\SysWOW64\\cmd.exe'];

test('64-bit agent: SysWOW64\\cmd.exe by default, System32\\cmd.exe with redirection disabled', () => {
  const host = fakeHost(WITH_WOW64);
  assert.equal(commandInterpreter(host, false), 'C:\\Windows\\SysWOW64\\cmd.exe');
  assert.equal(commandInterpreter(host, true), 'C:\\Windows\\System32\\cmd.exe');
});

test('64-bit agent without WoW64 (64-bit Windows PE): System32\\cmd.exe either way', () => {
  const host = fakeHost(['X:\\Windows\\System32\\cmd.exe'], { SystemRoot: 'X:\\Windows' });
  assert.equal(commandInterpreter(host, false), 'X:\\Windows\\System32\\cmd.exe');
  assert.equal(commandInterpreter(host, true), 'X:\\Windows\\System32\\cmd.exe');
});

test('32-bit agent: System32 (redirected by Windows) by default, Sysnative with redirection disabled; 32-bit Windows has one view', () => {
  const on64 = fakeHost(WITH_WOW64, { PROCESSOR_ARCHITEW6432: 'AMD64' }, 'ia32');
  assert.equal(commandInterpreter(on64, false), 'C:\\Windows\\System32\\cmd.exe');
  assert.equal(commandInterpreter(on64, true), 'C:\\Windows\\Sysnative\\cmd.exe');
  const on32 = fakeHost(['C:\\Windows\\System32\\cmd.exe'], {}, 'ia32');
  assert.equal(commandInterpreter(on32, true), 'C:\\Windows\\System32\\cmd.exe');
});
