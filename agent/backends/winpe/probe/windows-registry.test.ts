import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseRegQuery } from './reg-query-output.ts';
import { fixture, REG_NOT_FOUND, regValueArgv, scriptedWindows, type RecordedCommand } from './test-support/scripted-windows.ts';
import { createWindowsRegistry } from './windows-registry.ts';

const reg = JSON.parse(fixture('reg-query.json')) as Record<string, string>;
const CV = 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion';
const TYPES = 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Contoso\\Types';

function registry(commands: RecordedCommand[]) {
  const w = scriptedWindows(commands);
  return { registry: createWindowsRegistry(w.runSync), calls: w.calls };
}

test('each value type as the probe gives it: text, decimal numbers, multi-strings by line, binary as hex', () => {
  const { registry: r } = registry([
    { argv: regValueArgv(CV, 'DisplayVersion'), stdout: reg['display-version'] },
    { argv: regValueArgv(CV, 'UBR'), stdout: reg.ubr },
    { argv: regValueArgv(TYPES, 'Tools Path'), stdout: reg['path-expand'] },
    { argv: regValueArgv(TYPES, 'InstallTime'), stdout: reg['install-time'] },
    { argv: regValueArgv(TYPES, 'Sources'), stdout: reg.sources },
    { argv: regValueArgv(TYPES, 'Digest'), stdout: reg.digest },
    { argv: regValueArgv(TYPES, 'Empty'), stdout: reg['empty-sz'] },
  ]);
  assert.deepEqual(r.value(CV, 'DisplayVersion'), { type: 'REG_SZ', data: '23H2' });
  assert.deepEqual(r.value(CV, 'UBR'), { type: 'REG_DWORD', data: '4460' });
  assert.deepEqual(r.value(TYPES, 'Tools Path'), { type: 'REG_EXPAND_SZ', data: '%SystemRoot%\\Tools;%ProgramFiles%\\Contoso Tools' }, 'not expanded');
  assert.deepEqual(r.value(TYPES, 'InstallTime'), { type: 'REG_QWORD', data: '133837205144350464' });
  assert.deepEqual(r.value(TYPES, 'Sources'), { type: 'REG_MULTI_SZ', data: '\\\\server\\share one\nD:\\Sources\n' });
  assert.deepEqual(r.value(TYPES, 'Digest'), { type: 'REG_BINARY', data: '0A0B0C0D' });
  assert.deepEqual(r.value(TYPES, 'Empty'), { type: 'REG_SZ', data: '' });
});

test('a value only in the 32-bit view is found there; a missing value or key is undefined after both views', () => {
  const agent = 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Contoso\\Agent';
  const { registry: r, calls } = registry([
    { argv: regValueArgv(agent, 'version'), ...REG_NOT_FOUND },
    { argv: regValueArgv(agent, 'version', '/reg:32'), stdout: reg['wow-only'] },
    { argv: regValueArgv(CV, 'NoSuchValue'), ...REG_NOT_FOUND },
    { argv: regValueArgv(CV, 'NoSuchValue', '/reg:32'), ...REG_NOT_FOUND },
    { argv: regValueArgv('HKLM\\SOFTWARE\\Nope', ''), ...REG_NOT_FOUND },
    { argv: regValueArgv('HKLM\\SOFTWARE\\Nope', '', '/reg:32'), ...REG_NOT_FOUND },
  ]);
  assert.deepEqual(r.value(agent, 'version'), { type: 'REG_SZ', data: '5.1.2 (32-bit)' }, 'names in any case');
  assert.equal(r.value(CV, 'NoSuchValue'), undefined);
  assert.equal(r.value('HKLM\\SOFTWARE\\Nope\\', ''), undefined, 'a trailing backslash is dropped');
  r.value(CV, 'NOSUCHVALUE');
  assert.equal(calls.length, 6, 'each key and value is read once, found or not');
  r.forget();
  r.value(CV, 'NoSuchValue');
  assert.equal(calls.length, 8);
});

test('the default value is read with /ve; one never set reads as empty text, as the simulated machine shows a key', () => {
  const { registry: r } = registry([
    { argv: regValueArgv(TYPES, ''), stdout: reg['default-set'] },
    { argv: regValueArgv('HKLM\\SOFTWARE\\Contoso\\Empty', ''), stdout: reg['default-unset'] },
  ]);
  assert.deepEqual(r.value(TYPES, ''), { type: 'REG_SZ', data: 'Contoso default' });
  assert.deepEqual(r.value('HKLM\\SOFTWARE\\Contoso\\Empty', ''), { type: 'REG_SZ', data: '' });
});

test('a key exists when reg query of it succeeds', () => {
  const { registry: r } = registry([
    { argv: ['reg', 'query', 'HKLM\\SYSTEM\\CurrentControlSet\\Control\\MiniNT'], stdout: reg['winpe-mini-nt'] },
    { argv: ['reg', 'query', 'HKLM\\SYSTEM\\Nope'], ...REG_NOT_FOUND },
  ]);
  assert.equal(r.keyExists('HKLM\\SYSTEM\\CurrentControlSet\\Control\\MiniNT'), true);
  assert.equal(r.keyExists('HKLM\\SYSTEM\\Nope'), false);
});

test('reg query output: many keys with /s, names with spaces, data with four spaces, a localized default name', () => {
  const out = '\r\nHKEY_LOCAL_MACHINE\\A\r\n    Two  Words    REG_SZ    a    b\r\n\r\nHKEY_LOCAL_MACHINE\\A\\B\r\n    (Standard)    REG_SZ    x\r\n';
  const keys = parseRegQuery(out);
  assert.deepEqual(keys.map((k) => k.key), ['HKEY_LOCAL_MACHINE\\A', 'HKEY_LOCAL_MACHINE\\A\\B']);
  assert.deepEqual(keys[0]!.values.get('two  words'), { type: 'REG_SZ', data: 'a    b' });
  assert.deepEqual(parseRegQuery(out, '(Standard)')[1]!.values.get(''), { type: 'REG_SZ', data: 'x' });
});
