/** Secrets never reach a log line, the report, the journal or an error message in clear. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { builtinProfile, runCli, runSequenceFile, workDir, writeFixture, writeProfile } from '../support/harness.ts';
import { command, sequence, setVariable } from '../support/sequence-builder.ts';

/**
 * Every file a run wrote, except sparse data: disk images (only partition tables, hundreds of GB when read) and
 * the profile's large seed files on the volumes.
 */
function everyFile(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? everyFile(join(dir, n)) : n.endsWith('.img') || statSync(join(dir, n)).size > 64 * 1024 * 1024 ? [] : [join(dir, n)]));
}

test('hidden Set Variable values, --secret-var values and documented password variables are redacted everywhere', async () => {
  const dir = workDir();
  const profile = writeProfile(dir, 'echo', builtinProfile('uefi-desktop'), {
    commands: [{ match: '^connect\\.exe', output: 'connected with Hidden-Value-1 and Cli-Secret-2', setVariables: { Echo: 'Cli-Secret-2' } }],
  });
  const file = writeFixture(dir, 'ts.xml', sequence([
    setVariable('Hidden', 'AppKey', 'Hidden-Value-1', { hidden: true }),
    setVariable('Join password', 'OSDJoinPassword', 'Join-Pass-3'),
    setVariable('Derived', 'Conn', 'key=%AppKey%;pw=%CliSecret%'),
    command('Connect', 'connect.exe %AppKey% %CliSecret% %OSDJoinPassword%', { outputVariable: 'ConnectOutput' }),
    command('Fail loudly', 'cmd.exe /c exit 5 %AppKey%', { continueOnError: true }),
  ]));
  const r = await runSequenceFile(file, dir, ['--machine', profile, '--secret-var', 'CliSecret=Cli-Secret-2', '--log-format', 'cmtrace']);
  assert.equal(r.code, 0, r.stderr);
  const secrets = ['Hidden-Value-1', 'Cli-Secret-2', 'Join-Pass-3'];
  // The profile's own scripted output (input written by this test) is echoed in final-machine.json; drop it.
  const read = (f: string): string => {
    const text = readFileSync(f, 'utf8');
    if (!f.endsWith('final-machine.json')) return text;
    const m = JSON.parse(text);
    delete m.commands;
    return JSON.stringify(m);
  };
  const outputs = [r.stdout, r.stderr, ...everyFile(dir).filter((f) => !f.endsWith('.xml') && !f.endsWith('echo.json')).map(read)];
  for (const s of secrets) for (const text of outputs) assert.ok(!text.includes(s), `"${s}" leaked: ${text.slice(Math.max(0, text.indexOf(s) - 80), text.indexOf(s) + 40)}`);
  assert.equal(r.report.variables.AppKey, '********');
  assert.equal(r.report.variables.OSDJoinPassword, '********');
  assert.match(r.report.variables.Conn, /\*{8}/);
  assert.ok(r.log.some((e) => /Set a global environment variable AppKey=\*{8}/.test(e.message)));
});

test('a secret given on the command line is redacted in option errors', async () => {
  const dir = workDir();
  const r = await runCli(['run', 'missing.xml', '--secret-var', 'Bad Name=Cli-Secret-9']);
  assert.equal(r.code, 2);
  assert.ok(!(r.stdout + r.stderr).includes('Cli-Secret-9'));
});

test('a command\'s output reaches the log, redacted', async () => {
  const dir = workDir();
  const profile = writeProfile(dir, 'talk', builtinProfile('uefi-desktop'), { commands: [{ match: '^report\\.exe', output: 'line one\nkey=Out-Secret-5\nline three' }] });
  const file = writeFixture(dir, 'ts.xml', sequence([setVariable('Key', 'K', 'Out-Secret-5', { hidden: true }), command('Report', 'report.exe')]));
  const r = await runSequenceFile(file, dir, ['--machine', profile]);
  const out = r.log.find((e) => /^Output of the action \(Report\)/.test(e.message));
  assert.ok(out, 'output logged');
  assert.match(out!.message, /line one\nkey=\*{8}\nline three/);
  assert.ok(!r.logText.includes('Out-Secret-5'));
});
