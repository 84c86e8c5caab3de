import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CommandRequest } from '../../../../engine/index.ts';
import { loadProfile } from '../profile/profile-load.ts';
import type { CommandScript } from '../profile/profile-types.ts';
import { createSimulatedMachine, type SimulatedMachineOptions } from './simulated-machine.ts';

function machine(t: { after(fn: () => void): void }, commands: CommandScript[], options: Partial<SimulatedMachineOptions> = {}) {
  const stateDir = mkdtempSync(join(tmpdir(), 'taskseq-sim-'));
  t.after(() => rmSync(stateDir, { recursive: true, force: true }));
  const profile = { ...loadProfile('uefi-desktop'), commands };
  return createSimulatedMachine(profile, { stateDir, ...options });
}

const run = (commandLine: string, extra: Partial<CommandRequest> = {}): CommandRequest =>
  ({ kind: 'command-line', commandLine, secret: false, ...extra });

test('the first matching table entry wins, case-insensitively', async (t) => {
  const m = machine(t, [
    { match: '^setup\\.exe /quiet', exitCode: 3010, output: 'needs restart' },
    { match: 'setup\\.exe', exitCode: 1 },
  ]);
  assert.deepEqual(await m.ports.commands.run(run('SETUP.EXE /quiet')), { exitCode: 3010, output: 'needs restart' });
  assert.equal((await m.ports.commands.run(run('setup.exe /other'))).exitCode, 1);
});

test('times: an entry matches its first N runs, then the next entry applies', async (t) => {
  const m = machine(t, [
    { match: 'flaky\\.cmd', exitCode: 5, times: 1 },
    { match: 'flaky\\.cmd', exitCode: 0 },
  ]);
  const codes = [];
  for (let i = 0; i < 3; i++) codes.push((await m.ports.commands.run(run('cmd /c flaky.cmd'))).exitCode);
  assert.deepEqual(codes, [5, 0, 0]);
});

test('setVariables, reboot and retry become variables of the result', async (t) => {
  const m = machine(t, [
    { match: 'gather', setVariables: { Site: 'LAB', Role: 'Kiosk' } },
    { match: 'bios-update', exitCode: 0, reboot: 'WinPE', retry: true },
  ]);
  assert.deepEqual((await m.ports.commands.run(run('cscript gather.wsf'))).setVariables, { Site: 'LAB', Role: 'Kiosk' });
  assert.deepEqual((await m.ports.commands.run(run('bios-update.exe /s'))).setVariables,
    { SMSTSRebootRequested: 'WinPE', SMSTSRetryRequested: 'true' });
});

test('PowerShell requests also match on the script file name and the inline source', async (t) => {
  const m = machine(t, [
    { match: 'Set-Branding\\.ps1', exitCode: 11 },
    { match: 'Get-Disk \\| Clear-Disk', exitCode: 12 },
  ]);
  const ps = (script: CommandRequest['script']): CommandRequest =>
    ({ kind: 'powershell', commandLine: 'powershell.exe -NoProfile -File x', secret: false, script });
  assert.equal((await m.ports.commands.run(ps({ fileName: 'Scripts\\Set-Branding.ps1' }))).exitCode, 11);
  assert.equal((await m.ports.commands.run(ps({ source: 'Get-Disk | Clear-Disk -RemoveData' }))).exitCode, 12);
});

test('built-in exit commands give their code before the table is consulted', async (t) => {
  const m = machine(t, [{ match: 'exit', exitCode: 99 }]);
  assert.equal((await m.ports.commands.run(run('cmd.exe /c exit 3010'))).exitCode, 3010);
  assert.equal((await m.ports.commands.run(run('cmd /c exit /b 0x10'))).exitCode, 16);
  assert.equal((await m.ports.commands.run(run('exit /b -1'))).exitCode, -1);
});

test('unscripted commands succeed with a warning, or fail with exit code 2 when strict', async (t) => {
  const lenient = machine(t, []);
  assert.deepEqual(await lenient.ports.commands.run(run('tool.exe /x')), {
    exitCode: 0, output: '',
    warnings: ['command not scripted in machine profile uefi-desktop; assumed success: tool.exe /x'],
  });
  const strict = machine(t, [], { strictCommands: true });
  const r = await strict.ports.commands.run(run('tool.exe /x'));
  assert.equal(r.exitCode, 2);
  assert.match(r.output, /not scripted in machine profile uefi-desktop: tool\.exe \/x/);
});

test('commands take virtual time and time out deterministically', async (t) => {
  const m = machine(t, [{ match: 'long', durationSeconds: 600 }, { match: 'short', durationSeconds: 5 }]);
  const start = m.ports.clock.now();
  await m.ports.commands.run(run('short.exe'));
  assert.equal(m.ports.clock.now() - start, 5_000);
  await m.ports.commands.run(run('unscripted.exe'));
  assert.equal(m.ports.clock.now() - start, 6_000, 'default duration is 1 s');
  const r = await m.ports.commands.run(run('long.exe', { timeoutMs: 60_000 }));
  assert.equal(r.timedOut, true);
  assert.notEqual(r.exitCode, 0);
  assert.equal(m.ports.clock.now() - start, 66_000, 'stopped at the timeout');
  assert.equal((await m.ports.commands.run(run('long.exe', { timeoutMs: 600_000 }))).timedOut, undefined);
});

test('a step timeout signal from the clock ends a command that outlasts it', async (t) => {
  const m = machine(t, [{ match: 'long', durationSeconds: 120 }]);
  const signal = m.ports.clock.timeout(30_000);
  const r = await m.ports.commands.run(run('long.exe', { signal }));
  assert.equal(r.timedOut, true);
  assert.equal(signal.aborted, true);
});

test('secret command lines never reach the history, warnings, output or the state file', async (t) => {
  const stateDir = mkdtempSync(join(tmpdir(), 'taskseq-sim-'));
  t.after(() => rmSync(stateDir, { recursive: true, force: true }));
  const m = createSimulatedMachine(loadProfile('uefi-desktop'), { stateDir });
  const secret = run('net use Z: \\\\srv\\share /user:lab P@ssw0rd!', { secret: true });
  const r = await m.ports.commands.run(secret);
  assert.doesNotMatch(JSON.stringify(r), /P@ssw0rd/);
  assert.match(r.warnings?.[0] ?? '', /assumed success: \[secret command line\]$/);
  assert.deepEqual(m.history().map((h) => h.commandLine), ['[secret command line]']);
  assert.doesNotMatch(readFileSync(join(stateDir, 'machine-state.json'), 'utf8'), /P@ssw0rd/);
  const strict = createSimulatedMachine(loadProfile('uefi-desktop'), { stateDir: join(stateDir, 's'), strictCommands: true });
  assert.doesNotMatch((await strict.ports.commands.run(secret)).output, /P@ssw0rd/);
});

test('history records every command with its exit code and virtual start time', async (t) => {
  const m = machine(t, [{ match: 'a\\.exe', exitCode: 4, durationSeconds: 10 }]);
  await m.ports.commands.run(run('a.exe'));
  await m.ports.commands.run(run('cmd /c exit 7'));
  assert.deepEqual(m.history(), [
    { commandLine: 'a.exe', exitCode: 4, at: '2025-03-04T16:30:00.000Z' },
    { commandLine: 'cmd /c exit 7', exitCode: 7, at: '2025-03-04T16:30:10.000Z' },
  ]);
});
