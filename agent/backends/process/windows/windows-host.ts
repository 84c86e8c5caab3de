/**
 * What the Windows process runner reads of the machine it runs on: the agent's environment, its bitness and which
 * files exist. Injectable, so that tests on Linux describe any Windows.
 */
import { statSync } from 'node:fs';
import { win32 } from 'node:path';

/** The machine as the Windows runner sees it. */
export interface WindowsHost {
  /** The agent's environment; Windows matches its names in any case. */
  env: Readonly<Record<string, string | undefined>>;
  /** The agent's own architecture, as `process.arch` names it (`x64`, `arm64`, `ia32`). */
  arch: string;
  isFile(path: string): boolean;
  isDirectory(path: string): boolean;
}

/** This machine. */
export function localWindowsHost(): WindowsHost {
  const kind = (path: string) => {
    try {
      return statSync(path);
    } catch {
      return undefined;
    }
  };
  return {
    env: process.env,
    arch: process.arch,
    isFile: (path) => kind(path)?.isFile() ?? false,
    isDirectory: (path) => kind(path)?.isDirectory() ?? false,
  };
}

/** The value of environment variable `name`, matched in any case as Windows does. */
export function environmentValue(env: WindowsHost['env'], name: string): string | undefined {
  const want = name.toUpperCase();
  for (const [key, value] of Object.entries(env)) if (key.toUpperCase() === want && value !== undefined) return value;
  return undefined;
}

/**
 * The agent's environment with `additions` laid over it, names matched in any case: an addition of `path` replaces
 * `Path` rather than standing next to it (two spellings of one name would leave the program to pick one).
 */
export function mergeEnvironment(env: WindowsHost['env'], additions: Readonly<Record<string, string>> = {}): Record<string, string> {
  const merged = new Map<string, [string, string]>();
  for (const [key, value] of Object.entries(env)) if (value !== undefined) merged.set(key.toUpperCase(), [key, value]);
  for (const [key, value] of Object.entries(additions)) merged.set(key.toUpperCase(), [key, value]);
  return Object.fromEntries(merged.values());
}

/** The Windows folder (`%SystemRoot%`, else `%windir%`, else `C:\Windows`). */
export function systemRoot(host: WindowsHost): string {
  return environmentValue(host.env, 'SystemRoot') ?? environmentValue(host.env, 'windir') ?? 'C:\\Windows';
}

/** `<Windows folder>\<folder>\<name>`. */
export function inWindowsFolder(host: WindowsHost, folder: string, name: string): string {
  return win32.join(systemRoot(host), folder, name);
}
