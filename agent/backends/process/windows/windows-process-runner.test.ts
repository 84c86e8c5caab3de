import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TaskseqError } from '../../../../engine/index.ts';
import { MASK } from '../../../../variables/index.ts';
import type { ProcessRequest } from '../process-types.ts';
import { createWindowsProcessRunner } from './windows-process-runner.ts';
import { codePageAnswer, fakeHost, fakeSpawn, type ScriptedStart } from './test-support/fake-spawn.ts';

const SYSTEM32 = 'C:\\Windows\\System32';
const FILES = [`${SYSTEM32}\\reg.exe`, `${SYSTEM32}\\taskkill.exe`, `${SYSTEM32}\\cmd.exe`, 'C:\\Windows\\SysWOW64\\cmd.exe', `${SYSTEM32}\\dism.exe`, 'C:\\Tools\\app.exe'];

/** A runner over a scripted Windows (code page 850 unless told), and what it started and logged. */
function scripted(script: readonly ScriptedStart[], files = FILES, codePage = 850) {
  const fake = fakeSpawn(script);
  const logged: string[] = [];
  const run = createWindowsProcessRunner({ spawn: fake.spawn, host: fakeHost(files), codePage, log: (l) => logged.push(l) });
  return { run, seen: fake.seen, logged };
}

async function refusal(p: Promise<unknown>): Promise<TaskseqError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof TaskseqError, String(e));
    return e;
  }
  throw new Error('did not refuse');
}

test('argv is quoted by the MSVCRT rules and passed verbatim: empty, spaces, tabs, trailing backslashes', async () => {
  const args = '/Apply-Image "/ImageFile:D:\\My Images\\install.wim" "" "C:\\dir with space\\\\" "tab\there" C:\\plain\\';
  const { run, seen, logged } = scripted([{ program: `${SYSTEM32}\\dism.exe`, arguments: args, stdout: ['ok\r\n'] }]);
  const r = await run({ argv: ['dism', '/Apply-Image', '/ImageFile:D:\\My Images\\install.wim', '', 'C:\\dir with space\\', 'tab\there', 'C:\\plain\\'] });
  assert.deepEqual({ ...r, durationMs: 0 }, { exitCode: 0, stdout: 'ok\r\n', stderr: '', killed: false, durationMs: 0 });
  assert.equal(seen[0]!.options.argv0, `${SYSTEM32}\\dism.exe`);
  assert.equal(seen[0]!.options.windowsHide, true);
  assert.equal(logged[0], `${SYSTEM32}\\dism.exe ${args}`);
});

test('a program in a folder with spaces is quoted as argv[0]; an argument with a double quote is refused unechoed', async () => {
  const files = [...FILES, 'C:\\Program Files\\Vendor\\tool.exe'];
  const { run, seen } = scripted([{ program: 'C:\\Program Files\\Vendor\\tool.exe', arguments: '' }], files);
  await run({ argv: ['C:\\Program Files\\Vendor\\tool.exe'] });
  assert.deepEqual(seen[0]!.args, []);
  const e = await refusal(run({ argv: ['C:\\Tools\\app.exe', 'pa"ss'] }));
  assert.equal(e.code, 'invalid-input');
  assert.ok(!e.message.includes('pa"ss'));
});

test('a command line runs as cmd.exe /d /s /c "<line>": its quotes and %VAR% reach cmd.exe as written', async () => {
  const line = '"C:\\Program Files\\x.exe" "a b" %OSDisk%\\out.txt & exit 3010';
  const { run, seen } = scripted([{ program: 'C:\\Windows\\SysWOW64\\cmd.exe', arguments: `/d /s /c "${line}"`, exitCode: 3010 }]);
  const r = await run({ argv: [], line });
  assert.equal(r.exitCode, 3010);
  assert.deepEqual(seen[0]!.args, [`/d /s /c "${line}"`]);
});

test('a line that is itself a cmd.exe command is read by that one cmd.exe: its carets, pipes and %VAR% as written', async () => {
  const { run, seen, logged } = scripted([
    { program: 'C:\\Windows\\SysWOW64\\cmd.exe', argv0: 'cmd.exe', arguments: '/c echo %_SMSTSPackageID%^|x > %OSDisk%\\build.txt', exitCode: 0 },
    { program: `${SYSTEM32}\\cmd.exe`, argv0: '"%windir%\\Sysnative\\cmd.exe"', arguments: '/c exit 3010', exitCode: 3010 },
    { program: 'C:\\Windows\\SysWOW64\\cmd.exe', argv0: 'CMD', arguments: '' },
    { program: 'C:\\Windows\\SysWOW64\\cmd.exe', argv0: '%ComSpec%', arguments: '/c ver' },
    { program: 'C:\\Windows\\SysWOW64\\cmd.exe', arguments: '/d /s /c "D:\\tools\\cmd.exe /c x"' },
  ]);
  await run({ argv: [], line: ' cmd.exe  /c echo %_SMSTSPackageID%^|x > %OSDisk%\\build.txt' });
  assert.equal((await run({ argv: [], line: '"%windir%\\Sysnative\\cmd.exe" /c exit 3010' })).exitCode, 3010, 'Sysnative is native without the option');
  await run({ argv: [], line: 'CMD' });
  await run({ argv: [], line: '%ComSpec% /c ver' });
  await run({ argv: [], line: 'D:\\tools\\cmd.exe /c x' });
  assert.equal(seen.length, 5);
  assert.equal(logged[0], 'C:\\Windows\\SysWOW64\\cmd.exe /c echo %_SMSTSPackageID%^|x > %OSDisk%\\build.txt');
});

test('Wow64: a line sees the 32-bit system folder by default and the native one with disableWow64Redirection', async () => {
  const { run, seen } = scripted([
    { program: 'C:\\Windows\\SysWOW64\\cmd.exe', arguments: '/d /s /c "dir %windir%\\System32"' },
    { program: `${SYSTEM32}\\cmd.exe`, arguments: '/d /s /c "dir %windir%\\System32"' },
  ]);
  await run({ argv: [], line: 'dir %windir%\\System32' });
  await run({ argv: [], line: 'dir %windir%\\System32', disableWow64Redirection: true });
  assert.deepEqual(seen.map((s) => s.program), ['C:\\Windows\\SysWOW64\\cmd.exe', `${SYSTEM32}\\cmd.exe`]);
  // Without WoW64 (64-bit Windows PE) there is only the native view.
  const pe = scripted([{ program: `${SYSTEM32}\\cmd.exe`, arguments: '/d /s /c "echo x"' }], FILES.filter((f) => !f.includes('SysWOW64')));
  await pe.run({ argv: [], line: 'echo x' });
});

test('lines a command line cannot carry are refused before anything starts', async () => {
  const { run } = scripted([]);
  assert.equal((await refusal(run({ argv: [], line: 'echo a\r\necho b' }))).code, 'invalid-input');
  assert.equal((await refusal(run({ argv: [], line: '  ' }))).code, 'invalid-input');
  assert.match((await refusal(run({ argv: [], line: 'x'.repeat(8190) }))).message, /8190 characters long; cmd.exe takes at most 8189/);
  await assert.rejects(run({ argv: ['cmd.exe'], line: 'echo x' }), TypeError);
});

test('console output is decoded from the OEM code page read once from the registry (850 and 437)', async () => {
  const bytes = Buffer.from([0x81, 0x84, 0xd5, 0x0d, 0x0a]);
  const program = { program: 'C:\\Tools\\app.exe', arguments: '', stdout: [bytes] };
  const fake = fakeSpawn([codePageAnswer(850), program, { ...program, stderr: [bytes.subarray(0, 1), bytes.subarray(1)] }]);
  const run = createWindowsProcessRunner({ spawn: fake.spawn, host: fakeHost(FILES) });
  const lines: string[] = [];
  assert.equal((await run({ argv: ['C:\\Tools\\app.exe'] })).stdout, 'üäı\r\n');
  assert.equal((await run({ argv: ['C:\\Tools\\app.exe'], onLine: (l, s) => lines.push(`${s}:${l}`) })).stderr, 'üäı\r\n');
  assert.deepEqual(lines.sort(), ['stderr:üäı', 'stdout:üäı']);
  assert.equal(fake.seen.filter((s) => s.program.endsWith('reg.exe')).length, 1, 'the code page is read once');
  const us = scripted([program], FILES, 437);
  assert.equal((await us.run({ argv: ['C:\\Tools\\app.exe'] })).stdout, 'üä╒\r\n');
});

test('UTF-16LE and UTF-8 output is recognised by its byte order mark, also split across chunks', async () => {
  const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Größe: 5\r\n', 'utf16le')]);
  const utf8 = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('Größe\n')]);
  const { run } = scripted([
    { program: 'C:\\Tools\\app.exe', arguments: 'u', stdout: [utf16.subarray(0, 1), utf16.subarray(1, 6), utf16.subarray(6)] },
    { program: 'C:\\Tools\\app.exe', arguments: '8', stdout: [utf8.subarray(0, 2), utf8.subarray(2)] },
    { program: 'C:\\Tools\\app.exe', arguments: 'x', stdout: [Buffer.from([0xff])] },
  ]);
  assert.equal((await run({ argv: ['C:\\Tools\\app.exe', 'u'] })).stdout, 'Größe: 5\r\n');
  assert.equal((await run({ argv: ['C:\\Tools\\app.exe', '8'] })).stdout, 'Größe\n');
  assert.equal((await run({ argv: ['C:\\Tools\\app.exe', 'x'] })).stdout, '\u00a0', 'a lone 0xFF is CP850 text, not half a mark');
});

test('a code page that cannot be read stops the request with the reason; the next one asks again', async () => {
  const fake = fakeSpawn([
    { ...codePageAnswer(850), stdout: ['ERROR: The system was unable to find the specified registry key or value.\r\n'], exitCode: 1 },
    codePageAnswer(850),
    { program: 'C:\\Tools\\app.exe', arguments: '', stdout: [Buffer.from([0x84])] },
  ]);
  const run = createWindowsProcessRunner({ spawn: fake.spawn, host: fakeHost(FILES) });
  const e = await refusal(run({ argv: ['C:\\Tools\\app.exe'] }));
  assert.equal(e.message, 'cannot read the console code page: reg query ... /v OEMCP exited with 1: ERROR: The system was unable to find the specified registry key or value.');
  assert.equal((await run({ argv: ['C:\\Tools\\app.exe'] })).stdout, 'ä', 'the next request reads it again');
});

test('a timeout ends the whole tree with taskkill /T /F /PID <pid> through the runner, and says killed', async () => {
  const { run, seen, logged } = scripted([
    { program: 'C:\\Tools\\app.exe', arguments: '', hangs: true, stdout: ['working\r\n'] },
    { program: `${SYSTEM32}\\taskkill.exe`, arguments: '/T /F /PID 4000' },
  ]);
  const r = await run({ argv: ['C:\\Tools\\app.exe'], timeoutMs: 20 });
  assert.deepEqual({ ...r, durationMs: 0 }, { exitCode: 1, stdout: 'working\r\n', stderr: '', killed: true, durationMs: 0 });
  assert.deepEqual(logged, ['C:\\Tools\\app.exe', `${SYSTEM32}\\taskkill.exe /T /F /PID 4000`]);
  assert.equal(seen[0]!.killedDirectly, false);
});

test('aborting ends the tree like a timeout; without taskkill the program itself is ended; an aborted signal starts nothing', async () => {
  const abort = new AbortController();
  const { run, seen } = scripted([
    { program: 'C:\\Tools\\app.exe', arguments: '', hangs: true },
    { program: `${SYSTEM32}\\taskkill.exe`, arguments: '/T /F /PID 4000' },
  ]);
  setTimeout(() => abort.abort(), 20);
  assert.equal((await run({ argv: ['C:\\Tools\\app.exe'], signal: abort.signal })).killed, true);
  assert.equal(seen.length, 2);
  const bare = scripted([{ program: 'C:\\Tools\\app.exe', arguments: '', hangs: true }], FILES.filter((f) => !f.endsWith('taskkill.exe')));
  const r = await bare.run({ argv: ['C:\\Tools\\app.exe'], timeoutMs: 20 });
  assert.equal(r.killed, true);
  assert.equal(bare.seen[0]!.killedDirectly, true);
  const none = await scripted([]).run({ argv: ['C:\\Tools\\app.exe'], signal: AbortSignal.abort() });
  assert.deepEqual({ ...none, durationMs: 0 }, { exitCode: 1, stdout: '', stderr: '', killed: true, durationMs: 0 });
});

test('when something outside the tree keeps the outputs open, the runner stops waiting after the grace period', async () => {
  const fake = fakeSpawn([
    { program: 'C:\\Windows\\SysWOW64\\cmd.exe', arguments: '/d /s /c "start /b server.exe"', hangs: true, outputsOutliveIt: true, stdout: ['started\r\n'] },
    { program: `${SYSTEM32}\\taskkill.exe`, arguments: '/T /F /PID 4000' },
  ]);
  const run = createWindowsProcessRunner({ spawn: fake.spawn, host: fakeHost(FILES), codePage: 437, killGraceMs: 30 });
  const r = await run({ argv: [], line: 'start /b server.exe', timeoutMs: 20 });
  assert.deepEqual({ ...r, durationMs: 0 }, { exitCode: 1, stdout: 'started\r\n', stderr: '', killed: true, durationMs: 0 });
});

test('exit codes are unsigned 32-bit values: -1073741819 reads 3221225477 (0xC0000005)', async () => {
  const { run } = scripted([{ program: 'C:\\Tools\\app.exe', arguments: '', exitCode: -1073741819 }]);
  assert.equal((await run({ argv: ['C:\\Tools\\app.exe'] })).exitCode, 3221225477);
});

test('working folder, environment added case-insensitively, and standard input reach the program', async () => {
  const { run, seen } = scripted([{ program: 'C:\\Tools\\app.exe', arguments: '' }]);
  await run({ argv: ['C:\\Tools\\app.exe'], cwd: 'C:\\Tools', env: { PATH: 'C:\\Tools', TASKSEQ_X: '1' }, input: 'select disk 0\r\n' });
  const env = seen[0]!.options.env!;
  assert.equal(seen[0]!.options.cwd, 'C:\\Tools');
  assert.deepEqual(Object.keys(env).filter((k) => k.toUpperCase() === 'PATH'), ['PATH']);
  assert.equal(env.PATH, 'C:\\Tools');
  assert.equal(env.TASKSEQ_X, '1');
  assert.equal(seen[0]!.stdin, 'select disk 0\r\n');
});

test('a start Node refuses at once (a batch file without a shell) is tool-missing, not a crash', async () => {
  const spawn = () => { throw Object.assign(new Error('spawn EINVAL'), { code: 'EINVAL' }); };
  const run = createWindowsProcessRunner({ spawn, host: fakeHost([...FILES, 'C:\\Tools\\setup.cmd']), codePage: 437 });
  const e = await refusal(run({ argv: ['C:\\Tools\\setup.cmd'] }));
  assert.equal(e.message, 'C:\\Tools\\setup.cmd could not start (EINVAL)');
});

test('a working folder that is not there is named as such', async () => {
  const { run } = scripted([{ program: 'C:\\Tools\\app.exe', arguments: '', startFails: 'ENOENT' }]);
  const e = await refusal(run({ argv: ['C:\\Tools\\app.exe'], cwd: 'D:\\nowhere' }));
  assert.equal(e.message, 'cannot run C:\\Tools\\app.exe: the working folder D:\\nowhere does not exist');
});

test('secrets are masked in the logged command line, in lines as in argv', async () => {
  const { run, logged } = scripted([
    { program: `${SYSTEM32}\\cmd.exe`, arguments: '/d /s /c "net use Z: \\\\srv\\share p@ss /user:corp\\svc"' },
    { program: 'C:\\Tools\\app.exe', arguments: '--password=p@ss "two p@ss"' },
  ]);
  const secrets = ['p@ss'];
  await run({ argv: [], line: 'net use Z: \\\\srv\\share p@ss /user:corp\\svc', disableWow64Redirection: true, secrets });
  await run({ argv: ['C:\\Tools\\app.exe', '--password=p@ss', 'two p@ss'], secrets });
  assert.deepEqual(logged, [
    `${SYSTEM32}\\cmd.exe /d /s /c "net use Z: \\\\srv\\share ${MASK} /user:corp\\svc"`,
    `C:\\Tools\\app.exe --password=${MASK} "two ${MASK}"`,
  ]);
});

test('Run As is refused, naming the option and the account, never the password', async () => {
  const { run, seen } = scripted([]);
  const request: ProcessRequest = { argv: [], line: 'setup.exe /q', runAs: { user: 'CORP\\installer', password: 'Winter2026!' } };
  const e = await refusal(run(request));
  assert.equal(e.code, 'unsupported');
  assert.equal(e.message, 'Run As (runAs, the step\'s "run this step as the following account") is not supported by the Windows process runner: the command was not started as CORP\\installer; run the step as the agent\'s own account');
  assert.equal(seen.length, 0);
});

test('a missing program is tool-missing naming it and, when the doctor lists it, the component that brings it', async () => {
  const { run } = scripted([]);
  const usmt = await refusal(run({ argv: ['scanstate.exe', 'C:\\store'] }));
  assert.equal(usmt.code, 'tool-missing');
  assert.equal(usmt.message, 'scanstate.exe was not found on the PATH (C:\\Windows\\System32;C:\\Windows): it comes with User State Migration Tool (Windows ADK) (taskseq doctor lists every tool taskseq needs)');
  const ps = await refusal(run({ argv: [], line: 'powershell.exe -NoProfile -File x.ps1' }));
  assert.equal(ps.message, 'powershell.exe was not found on the PATH or in the working folder: it comes with WinPE-WMI, WinPE-NetFx and WinPE-PowerShell optional components (taskseq doctor lists every tool taskseq needs)');
  assert.match((await refusal(run({ argv: ['D:\\x\\vendor.exe'] }))).message, /^D:\\x\\vendor.exe does not exist: taskseq doctor does not list it/);
});
