/** Help, version, suggestions and the one-error-one-line rule of the `taskseq` command line. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bundleCli } from '../build/bundle.ts';
import { bundleSingleFile } from '../build/bundle-single.ts';
import { runCli, workDir } from '../../test/support/harness.ts';

const version = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/** Every command and subcommand with the options its help must list. */
const COMMANDS: Array<{ command: string[]; options: string[] }> = [
  {
    command: ['run'], options: ['--machine', '--backend', '--target-disk', '--yes', '--firmware', '--content', '--source', '--ca-bundle', '--cache', '--status-url', '--state-migration-point',
      '--drivers', '--children', '--media-type', '--var', '--secret-var', '--state-dir', '--log-dir', '--log-format', '--strict-commands',
      '--allow-unknown-steps', '--reset', '--json', '--media', '--password-file', '--media-path'],
  },
  { command: ['validate'], options: ['--json', '--children', '--allow-unknown-steps', '--media-type'] },
  { command: ['convert'], options: ['--to', '--out'] },
  { command: ['machines'], options: ['--json', '--capture'] },
  { command: ['media'], options: ['build'] },
  {
    command: ['media', 'build'], options: ['--sequence', '--out', '--content', '--type', '--password-file', '--protect', '--valid-from',
      '--valid-until', '--var', '--secret-var', '--prestart', '--prestart-files', '--source', '--ca-bundle', '--part-size', '--children',
      '--allow-unknown-steps', '--json'],
  },
  { command: ['drivers'], options: ['explain'] },
  { command: ['drivers', 'explain'], options: ['--machine', '--catalog', '--os-version', '--architecture', '--signed-only', '--json'] },
  { command: ['doctor'], options: ['--for', '--install', '--quiet', '--json'] },
];

/** The lines of one help section (`Options:`, `Commands:`), up to the blank line that ends it. */
function section(help: string, title: string): string[] {
  const lines = help.split('\n');
  const start = lines.indexOf(`${title}:`);
  if (start < 0) return [];
  const end = lines.findIndex((l, i) => i > start && l.trim() === '');
  return lines.slice(start + 1, end < 0 ? undefined : end);
}

for (const { command, options } of COMMANDS) {
  test(`taskseq ${command.join(' ')} --help lists its options, one line each, with an example`, async () => {
    const r = await runCli([...command, '--help']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, '');
    assert.match(r.stdout, new RegExp(`^Usage: taskseq ${command.join(' ')} `));
    const listed = [...section(r.stdout, 'Options'), ...section(r.stdout, 'Commands')];
    for (const option of options) assert.ok(listed.some((l) => l.trimStart().startsWith(`${option} `)), `${option} missing from:\n${r.stdout}`);
    // A wrapped description would start a line with spaces only: each option must stay on its own line.
    for (const line of section(r.stdout, 'Options')) assert.match(line, /^ {2}-/, `a help line wrapped:\n${r.stdout}`);
    assert.match(r.stdout, /\nExamples:\n {2}taskseq /);
    assert.deepEqual(await runCli([...command, '-h']), r);
    assert.deepEqual(await runCli(['help', ...command]), r, `help ${command.join(' ')} differs from --help`);
  });
}

test('taskseq --help and taskseq help list the commands and exit 0; no arguments prints the usage and exits 2', async () => {
  const help = await runCli(['--help']);
  assert.equal(help.code, 0);
  for (const c of ['run', 'validate', 'convert', 'machines', 'media', 'drivers', 'doctor', 'help']) {
    assert.ok(section(help.stdout, 'Commands').some((l) => l.startsWith(`  ${c} `)), `${c} missing:\n${help.stdout}`);
  }
  assert.match(help.stdout, /Exit codes: 0 succeeded, 1 the sequence failed, 2 invalid input, 3 internal error/);
  assert.deepEqual(await runCli(['help']), help);
  const none = await runCli([]);
  assert.equal(none.code, 2);
  assert.equal(none.stdout, help.stdout);
});

test('--version and -V print the version of package.json', async () => {
  for (const flag of ['--version', '-V']) assert.deepEqual(await runCli([flag]), { code: 0, stdout: `${version}\n`, stderr: '' });
});

test('a mistyped command or option gets a suggestion, on one line, with exit code 2', async () => {
  assert.deepEqual(await runCli(['rn']), { code: 2, stdout: '', stderr: "taskseq: unknown command 'rn' (Did you mean run?)\n" });
  assert.deepEqual(await runCli(['run', 'x.xml', '--machnie', 'foo']), {
    code: 2, stdout: '', stderr: "taskseq: run: unknown option '--machnie' (Did you mean --machine?)\n",
  });
  assert.deepEqual(await runCli(['media', 'bild']), { code: 2, stdout: '', stderr: "taskseq: media: unknown command 'bild' (Did you mean build?)\n" });
  assert.deepEqual(await runCli(['help', 'valdate']), { code: 2, stdout: '', stderr: "taskseq: unknown command 'valdate' (Did you mean validate?)\n" });
});

test('usage errors are one line each: missing subcommand, argument or option value, too many arguments', async () => {
  const cases: Array<[string[], RegExp]> = [
    [['media'], /^taskseq: media: expected a subcommand \(build\); see taskseq media --help\n$/],
    [['drivers'], /^taskseq: drivers: expected a subcommand \(explain\); see taskseq drivers --help\n$/],
    [['validate'], /^taskseq: validate: missing required argument 'file'\n$/],
    [['run', 'x.xml', '--machine'], /^taskseq: run: option '--machine <name\|file\|local>' argument missing\n$/],
    [['convert', 'a.xml', 'b.xml', '--to', 'json'], /^taskseq: convert: too many arguments for 'convert'\. Expected 1 argument but got 2\.\n$/],
  ];
  for (const [args, expected] of cases) {
    const r = await runCli(args);
    assert.equal(r.code, 2, args.join(' '));
    assert.match(r.stderr, expected);
    assert.equal(r.stdout, '');
  }
});

test('an option value error is printed exactly once', async () => {
  const dir = workDir();
  const cases: Array<[string[], string]> = [
    [['run', 'x.xml', '--log-format', 'xml'], '--log-format must be cmtrace or json (got "xml")'],
    [['run', 'x.xml', '--media-type', 'Floppy'], '--media-type must be one of BootMedia, FullMedia, OEMMedia, PXE (got "Floppy")'],
    [['run', 'x.xml', '--var', 'NoValue'], '--var expects NAME=VALUE (got "NoValue")'],
    [['run', 'x.xml', '--status-url', 'ftp://x'], '--status-url must be an http:// or https:// URL (got "ftp://x")'],
    [['run'], 'run: expected one sequence file (or --source URL, or --media DIR)'],
    [['convert', 'x.xml', '--to', 'yaml'], 'convert: --to must be json or xml'],
    [['media', 'build', '--out', join(dir, 'usb')], 'media build: --sequence is required (see taskseq media build --help)'],
  ];
  for (const [args, message] of cases) {
    const r = await runCli(args);
    assert.equal(r.code, 2, args.join(' '));
    assert.equal(r.stderr, `taskseq: ${message}\n`, args.join(' '));
  }
});

test('with --json an error is the JSON object {status, exitCode, message, problems}', async () => {
  const unknown = await runCli(['run', 'x.xml', '--json', '--machnie', 'foo']);
  assert.equal(unknown.code, 2);
  assert.equal(unknown.stderr, '');
  const message = "run: unknown option '--machnie' (Did you mean --machine?)";
  assert.deepEqual(JSON.parse(unknown.stdout), { status: 'invalid', exitCode: 2, message, problems: [{ severity: 'error', code: 'bad-option', message }] });
  const bad = await runCli(['validate', 'x.xml', '--media-type', 'Floppy', '--json']);
  assert.equal(bad.code, 2);
  const out = JSON.parse(bad.stdout);
  assert.deepEqual([out.status, out.exitCode, out.problems[0].field], ['invalid', 2, '--media-type']);
  assert.match(out.message, /--media-type must be one of/);
});

test('a --secret-var value never appears in an error, even with a mistyped option name', async () => {
  const secret = 'Cli-Secret-42';
  for (const args of [['run', 'x.xml', '--secret-var', secret], ['run', 'x.xml', `--secret-vr=Key=${secret}`], ['run', 'x.xml', '--json', `--secret-vr=Key=${secret}`]]) {
    const r = await runCli(args);
    assert.equal(r.code, 2, args.join(' '));
    assert.ok(!(r.stdout + r.stderr).includes(secret), r.stdout + r.stderr);
  }
});

test('the bundles print the version without a package.json beside them', async () => {
  const dir = workDir('taskseq-bundles-');
  const dist = join(dir, 'dist');
  await bundleCli(dist);
  writeFileSync(join(dist, 'start.mjs'), "import { main } from './main.js';\nprocess.exitCode = await main(process.argv.slice(2));\n");
  const single = await bundleSingleFile(join(dir, 'build'));
  copyFileSync(single, join(dir, 'taskseq.cjs'));
  for (const entry of [join(dist, 'start.mjs'), join(dir, 'taskseq.cjs')]) {
    const r = spawnSync(process.execPath, [entry, '--version'], { cwd: dir, encoding: 'utf8' });
    assert.deepEqual([r.status, r.stdout, r.stderr], [0, `${version}\n`, ''], entry);
    const typo = spawnSync(process.execPath, [entry, 'rn'], { cwd: dir, encoding: 'utf8' });
    assert.deepEqual([typo.status, typo.stderr], [2, "taskseq: unknown command 'rn' (Did you mean run?)\n"], entry);
  }
});

test('a reader that closes the pipe early (help | head) ends the output quietly, without a stack trace', async () => {
  const cli = new URL('./taskseq.js', import.meta.url).pathname;
  const child = spawn(process.execPath, [cli, 'help', 'run'], { stdio: ['ignore', 'pipe', 'pipe'] });
  // Closed before the CLI has started, so its first write meets a closed pipe (EPIPE).
  child.stdout.destroy();
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  assert.deepEqual([code, stderr], [0, '']);
});
