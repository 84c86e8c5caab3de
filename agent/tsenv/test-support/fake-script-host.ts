/**
 * A stand-in for the script host a `.wsc` runs in, for tests in Node: `ActiveXObject` with the file system object's
 * text streams over an in-memory bridge (each stream a connection, answered synchronously by the real routing), the
 * shell's process environment and the dictionary. Anything else a script asks for throws.
 */
import { runInNewContext } from 'node:vm';
import type { CommandEnvironment } from '../command-environment.ts';
import { formatHello } from '../protocol.ts';
import { routeLine } from '../route-line.ts';

export interface FakeHostOptions {
  endpoint: string;
  token: string;
  environment: CommandEnvironment;
  /** The process environment the shell object shows. */
  processEnv: Record<string, string>;
  /** Open modes that fail, as a pipe might refuse one. */
  refusedModes?: number[];
}

export interface FakeHost {
  /** The script's global functions. */
  call(name: string, ...args: unknown[]): unknown;
  /** Every stream opened, by mode (1 read, 2 write, 8 append). */
  opened: number[];
  /** Every line a script wrote. */
  written: string[];
  logged: string[];
}

/** Loads `script` (a component's JScript) into a fresh context wired to the bridge. */
export function loadScript(script: string, options: FakeHostOptions): FakeHost {
  const channels = new Map<string, string[]>();
  const host: FakeHost = { call: () => undefined, opened: [], written: [], logged: [] };
  const context = {
    token: options.token,
    environment: options.environment,
    log: (severity: string, message: string) => host.logged.push(`${severity}: ${message}`),
    hasChannel: (c: string) => channels.has(c),
  };
  const openTextFile = (path: string, mode: number, create: boolean, format: number) => {
    if (path !== options.endpoint || create !== false || format !== 0) throw new Error(`unexpected OpenTextFile(${path}, ${mode}, ${create}, ${format})`);
    host.opened.push(mode);
    if (options.refusedModes?.includes(mode)) throw new Error('Bad file mode');
    const channel = `c${channels.size + 1}`;
    const lines = [formatHello(channel).trimEnd()];
    channels.set(channel, lines);
    if (mode === 1) {
      return {
        ReadLine() {
          const line = lines.shift();
          if (line === undefined) throw new Error('ReadLine would wait for ever: nothing was answered');
          return line;
        },
      };
    }
    const mine: string[] = [];
    return {
      WriteLine(line: string) {
        mine.push(line);
        host.written.push(line);
      },
      Close() {
        for (const line of mine) {
          const routed = routeLine(line, context);
          const to = 'channel' in routed.to ? channels.get(routed.to.channel)! : lines;
          to.push(routed.answer.trimEnd());
        }
        channels.delete(channel);
      },
    };
  };
  function ActiveXObject(progId: string): unknown {
    switch (progId) {
      case 'Scripting.FileSystemObject':
        return { OpenTextFile: openTextFile };
      case 'WScript.Shell':
        return { Environment: (scope: string) => (scope === 'PROCESS' ? (name: string) => options.processEnv[name] ?? '' : undefined) };
      case 'Scripting.Dictionary': {
        const keys: string[] = [];
        return { Add: (k: string) => keys.push(k), Keys: () => keys };
      }
      default:
        throw new Error(`unexpected ActiveXObject(${progId})`);
    }
  }
  const sandbox: Record<string, unknown> = { ActiveXObject };
  runInNewContext(script, sandbox);
  host.call = (name, ...args) => (sandbox[name] as (...a: unknown[]) => unknown)(...args);
  return host;
}

/** The JScript inside a `.wsc` text. */
export function scriptOf(wsc: string): string {
  const start = wsc.indexOf('<![CDATA[');
  const end = wsc.indexOf(']]>');
  if (start < 0 || end < start) throw new Error('the component has no CDATA script');
  return wsc.slice(start + '<![CDATA['.length, end);
}
