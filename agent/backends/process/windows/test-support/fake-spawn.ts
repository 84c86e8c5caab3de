/**
 * A scripted Windows for the Windows runner's tests: a host with the files it names, and a spawn that answers only
 * the starts it was given (anything else throws), with output as raw bytes so that code pages are exercised.
 */
import type { SpawnOptions } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import type { SpawnChild } from '../windows-process-runner.ts';
import type { WindowsHost } from '../windows-host.ts';

/** How one scripted start behaves. */
export interface ScriptedStart {
  /** The program's full path, then its verbatim arguments (`argv0` is checked to be the quoted path). */
  program: string;
  arguments: string;
  /** argv[0] when it is not the quoted path (a line that names `cmd.exe` itself keeps its own word). */
  argv0?: string;
  stdout?: readonly (string | Buffer)[];
  stderr?: readonly (string | Buffer)[];
  exitCode?: number;
  /** Runs until taskkill ends it (or `kill()` is called), then exits with 1. */
  hangs?: boolean;
  /** With `hangs`: once ended, its outputs stay open (held by a process outside the tree) until destroyed. */
  outputsOutliveIt?: boolean;
  /** Fails to start with this error code (`ENOENT`). */
  startFails?: string;
}

/** One start the fake saw. */
export interface SeenStart {
  program: string;
  args: readonly string[];
  options: SpawnOptions;
  pid: number;
  stdin: string;
  killedDirectly: boolean;
}

/** A host: a 64-bit agent, `C:\Windows` on the PATH, and these files (matched in any case; folders are theirs). */
export function fakeHost(files: readonly string[], env: Record<string, string> = {}, arch = 'x64'): WindowsHost {
  const known = new Set(files.map((f) => f.toLowerCase()));
  return {
    env: { SystemRoot: 'C:\\Windows', Path: 'C:\\Windows\\System32;C:\\Windows', ...env },
    arch,
    isFile: (p) => known.has(p.toLowerCase()),
    isDirectory: (p) => {
      const folder = `${p.replace(/\\+$/, '').toLowerCase()}\\`;
      return [...known].some((f) => f.startsWith(folder));
    },
  };
}

/** The standard answer to the runner's code-page query. */
export function codePageAnswer(codePage: number): ScriptedStart {
  return {
    program: 'C:\\Windows\\System32\\reg.exe',
    arguments: 'query HKLM\\SYSTEM\\CurrentControlSet\\Control\\Nls\\CodePage /v OEMCP',
    stdout: [`\r\nHKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\Nls\\CodePage\r\n    OEMCP    REG_SZ    ${codePage}\r\n\r\n`],
  };
}

/** Calls `then` once both outputs of `child` were destroyed by the runner. */
function afterOutputsDestroyed(child: { stdout: PassThrough; stderr: PassThrough }, then: () => void): void {
  let open = 2;
  for (const stream of [child.stdout, child.stderr]) stream.once('close', () => { if (--open === 0) then(); });
}

/** A spawn that plays `script` in order of need: each start must match one unused entry. */
export function fakeSpawn(script: readonly ScriptedStart[]): { spawn: SpawnChild; seen: SeenStart[] } {
  const unused = [...script];
  const seen: SeenStart[] = [];
  const hanging = new Map<number, () => void>();
  let nextPid = 4000;
  const spawn: SpawnChild = (program, args, options) => {
    const joined = args.join(' ');
    const i = unused.findIndex((s) => s.program === program && s.arguments === joined);
    if (i < 0) throw new Error(`unscripted start: ${program} ${joined}`);
    const step = unused.splice(i, 1)[0]!;
    const expectedArgv0 = step.argv0 ?? (program.includes(' ') ? `"${program}"` : program);
    if (options.argv0 !== expectedArgv0 || options.windowsVerbatimArguments !== true) {
      throw new Error(`unexpected spawn options for ${program}: ${JSON.stringify(options)}`);
    }
    const pid = nextPid++;
    const record: SeenStart = { program, args, options, pid, stdin: '', killedDirectly: false };
    seen.push(record);
    const child = Object.assign(new EventEmitter(), {
      pid, stdout: new PassThrough(), stderr: new PassThrough(),
      stdin: (options.stdio as unknown[])[0] === 'pipe' ? new PassThrough() : null,
      kill: () => { record.killedDirectly = true; hanging.get(pid)?.(); return true; },
    });
    child.stdin?.on('data', (d: Buffer) => { record.stdin += d.toString('utf8'); });
    const exit = (code: number) => {
      child.stdout.end();
      child.stderr.end();
      setImmediate(() => child.emit('close', code, null));
    };
    setImmediate(() => {
      if (step.startFails) return child.emit('error', Object.assign(new Error(step.startFails), { code: step.startFails }));
      for (const c of step.stdout ?? []) child.stdout.write(c);
      for (const c of step.stderr ?? []) child.stderr.write(c);
      if (step.hangs) hanging.set(pid, () => (step.outputsOutliveIt ? afterOutputsDestroyed(child, () => exit(1)) : exit(1)));
      else exit(step.exitCode ?? 0);
    });
    const taskkill = /^\/T \/F \/PID (\d+)$/.exec(joined);
    if (taskkill) setImmediate(() => hanging.get(Number(taskkill[1]))?.());
    return child;
  };
  return { spawn, seen };
}
