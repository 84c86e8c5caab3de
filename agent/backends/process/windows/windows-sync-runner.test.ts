import assert from 'node:assert/strict';
import type { SpawnSyncOptions, SpawnSyncReturns } from 'node:child_process';
import { test } from 'node:test';
import { TaskseqError } from '../../../../engine/index.ts';
import { MASK } from '../../../../variables/index.ts';
import { fakeHost } from './test-support/fake-spawn.ts';
import { createWindowsSyncRunner, type SpawnChildSync } from './windows-sync-runner.ts';

const SYSTEM32 = 'C:\\Windows\\System32';
const FILES = [`${SYSTEM32}\\reg.exe`, `${SYSTEM32}\\cmd.exe`];

/** How one scripted synchronous start ends. */
interface SyncStart {
  program: string;
  arguments: string;
  stdout?: Buffer | string;
  stderr?: Buffer | string;
  status?: number | null;
  timedOut?: boolean;
  startFails?: string;
}

/** A spawnSync that answers only the starts it was given, each once. */
function fakeSpawnSync(script: readonly SyncStart[]) {
  const unused = [...script];
  const seen: Array<{ program: string; args: readonly string[]; options: SpawnSyncOptions }> = [];
  const spawnSync: SpawnChildSync = (program, args, options) => {
    const joined = args.join(' ');
    const i = unused.findIndex((s) => s.program === program && s.arguments === joined);
    if (i < 0) throw new Error(`unscripted start: ${program} ${joined}`);
    const step = unused.splice(i, 1)[0]!;
    seen.push({ program, args, options });
    const bytes = (b: Buffer | string | undefined) => (typeof b === 'string' ? Buffer.from(b, 'latin1') : b ?? Buffer.alloc(0));
    const error = step.startFails ? Object.assign(new Error(step.startFails), { code: step.startFails })
      : step.timedOut ? Object.assign(new Error('spawnSync ETIMEDOUT'), { code: 'ETIMEDOUT' }) : undefined;
    return {
      pid: 4000, output: [], stdout: bytes(step.stdout), stderr: bytes(step.stderr),
      status: step.timedOut ? null : step.status ?? 0, signal: step.timedOut ? 'SIGTERM' : null, error,
    } as SpawnSyncReturns<Buffer>;
  };
  return { spawnSync, seen };
}

const CODE_PAGE_850: SyncStart = {
  program: `${SYSTEM32}\\reg.exe`, arguments: 'query HKLM\\SYSTEM\\CurrentControlSet\\Control\\Nls\\CodePage /v OEMCP',
  stdout: '\r\nHKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\Nls\\CodePage\r\n    OEMCP    REG_SZ    850\r\n\r\n',
};

test('the synchronous door quotes argv by the MSVCRT rules and decodes output from the OEM code page read once', () => {
  const key = 'query "HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion" /v ProductName /reg:64';
  const fake = fakeSpawnSync([CODE_PAGE_850,
    { program: `${SYSTEM32}\\reg.exe`, arguments: key, stdout: Buffer.from([0x81, 0x84, 0x0d, 0x0a]) },
    { program: `${SYSTEM32}\\reg.exe`, arguments: key, status: 1, stderr: 'ERROR: not found\r\n' }]);
  const logged: string[] = [];
  const run = createWindowsSyncRunner({ spawnSync: fake.spawnSync, host: fakeHost(FILES), log: (l) => logged.push(l) });
  const argv = ['reg', 'query', 'HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion', '/v', 'ProductName', '/reg:64'];
  const r = run({ argv });
  assert.deepEqual({ ...r, durationMs: 0 }, { exitCode: 0, stdout: 'üä\r\n', stderr: '', killed: false, durationMs: 0 });
  assert.equal(run({ argv }).exitCode, 1, 'a non-zero exit is a result');
  assert.equal(fake.seen.length, 3, 'the code page was read once');
  assert.equal(fake.seen[1]!.options.argv0, `${SYSTEM32}\\reg.exe`);
  assert.equal(fake.seen[1]!.options.windowsVerbatimArguments, true);
  assert.equal(logged[1], `${SYSTEM32}\\reg.exe ${key}`);
});

test('a timeout ends the program and reports killed with exit code 1; exit codes are unsigned', () => {
  const fake = fakeSpawnSync([
    { program: `${SYSTEM32}\\reg.exe`, arguments: 'query HKLM', timedOut: true },
    { program: 'C:\\Windows\\SysWOW64\\cmd.exe', arguments: '/d /s /c "exit -1073741819"', status: -1073741819 },
  ]);
  const run = createWindowsSyncRunner({ spawnSync: fake.spawnSync, host: fakeHost([...FILES, 'C:\\Windows\\SysWOW64\\cmd.exe']), codePage: 437 });
  const r = run({ argv: ['reg', 'query', 'HKLM'], timeoutMs: 50 });
  assert.equal(r.killed, true);
  assert.equal(r.exitCode, 1);
  assert.equal(fake.seen[0]!.options.timeout, 50);
  assert.equal(run({ argv: [], line: 'exit -1073741819' }).exitCode, 3221225477);
});

test('secrets are masked in the logged line; Run As, a missing program and a failed start are refused clearly', () => {
  const fake = fakeSpawnSync([
    { program: `${SYSTEM32}\\reg.exe`, arguments: 'query HKLM\\X /v hunter2', status: 1 },
    { program: `${SYSTEM32}\\reg.exe`, arguments: 'query HKLM\\Y', startFails: 'EACCES' },
  ]);
  const logged: string[] = [];
  const run = createWindowsSyncRunner({ spawnSync: fake.spawnSync, host: fakeHost(FILES), codePage: 437, log: (l) => logged.push(l) });
  run({ argv: ['reg', 'query', 'HKLM\\X', '/v', 'hunter2'], secrets: ['hunter2'] });
  assert.deepEqual(logged, [`${SYSTEM32}\\reg.exe query HKLM\\X /v ${MASK}`]);
  const refused = (f: () => unknown, code: string, pattern: RegExp) => {
    assert.throws(f, (e: unknown) => e instanceof TaskseqError && e.code === code && pattern.test(e.message) && !e.message.includes('hunter2'));
  };
  refused(() => run({ argv: ['reg', 'query', 'HKLM'], runAs: { user: 'CORP\\x', password: 'hunter2' } }), 'unsupported', /Run As/);
  refused(() => run({ argv: ['powershell.exe', '-Command', '-'] }), 'tool-missing', /WinPE-PowerShell/);
  refused(() => run({ argv: ['reg', 'query', 'HKLM\\Y'] }), 'tool-missing', /could not start \(EACCES\)/);
});

test('a code page that cannot be read stops the request; the next one asks again', () => {
  const fake = fakeSpawnSync([{ ...CODE_PAGE_850, status: 1, stdout: 'ERROR: access denied\r\n' }, CODE_PAGE_850,
    { program: `${SYSTEM32}\\reg.exe`, arguments: 'query HKLM' }]);
  const run = createWindowsSyncRunner({ spawnSync: fake.spawnSync, host: fakeHost(FILES) });
  assert.throws(() => run({ argv: ['reg', 'query', 'HKLM'] }), /cannot read the console code page: .* exited with 1: ERROR: access denied/);
  assert.equal(run({ argv: ['reg', 'query', 'HKLM'] }).exitCode, 0);
});
