/** Finds the required tools on this machine and reads their versions. */
import { spawnSync } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { RequiredTool } from './required-tools.ts';

/** What the check may look at; injectable so tests decide what is installed. */
export interface ToolEnvironment {
  platform: string;
  /** Folders searched in order (the PATH, plus the sbin folders a non-root PATH often lacks). */
  searchPath: readonly string[];
  isExecutable(path: string): boolean;
  /** The first lines a program prints for these arguments (stdout and stderr), or undefined when it did not run. */
  output(path: string, args: readonly string[]): string | undefined;
}

export interface ToolCheck {
  tool: RequiredTool;
  /** Absolute path where it was found; undefined = missing. */
  path?: string;
  /** Its first line of version output, when it has a version option and printed one. */
  version?: string;
}

const VERSION_TIMEOUT_MS = 3000;

/** This machine: the PATH and the usual sbin folders, executables by mode bits (or by extension on Windows). */
export function localToolEnvironment(env: NodeJS.ProcessEnv = process.env): ToolEnvironment {
  const fromPath = (env.PATH ?? env.Path ?? '').split(delimiter).filter(Boolean);
  const extra = process.platform === 'win32' ? [] : ['/usr/local/sbin', '/usr/sbin', '/sbin'];
  return {
    platform: process.platform,
    searchPath: [...fromPath, ...extra.filter((d) => !fromPath.includes(d))],
    isExecutable: (path) => {
      try {
        if (!statSync(path).isFile()) return false;
        accessSync(path, constants.X_OK);
        return true;
      } catch {
        return false;
      }
    },
    output: (path, args) => {
      const r = spawnSync(path, [...args], { encoding: 'utf8', timeout: VERSION_TIMEOUT_MS, stdio: ['ignore', 'pipe', 'pipe'] });
      if (r.error) return undefined;
      return `${r.stdout ?? ''}\n${r.stderr ?? ''}`;
    },
  };
}

/** Looks each tool up; versions are read only for tools found. */
export function checkTools(tools: readonly RequiredTool[], env: ToolEnvironment): ToolCheck[] {
  return tools.map((tool) => {
    const path = findExecutable(tool.command, tool.folder ? { ...env, searchPath: [tool.folder] } : env);
    if (!path) return { tool };
    const text = tool.versionArgs ? env.output(path, tool.versionArgs) : undefined;
    const version = text?.split(/\r?\n/).map((l) => l.trim()).find(Boolean);
    return version ? { tool, path, version } : { tool, path };
  });
}

/** Where `command` is found in `env`'s search path (the doctor and the process runner look in the same places). */
export function findExecutable(command: string, env: ToolEnvironment): string | undefined {
  const names = env.platform === 'win32' ? [`${command}.exe`, `${command}.cmd`] : [command];
  for (const dir of env.searchPath) {
    for (const name of names) {
      const candidate = join(dir, name);
      if (env.isExecutable(candidate)) return candidate;
    }
  }
  return undefined;
}

/** The Debian packages that bring the missing tools, each once, in list order. */
export function missingPackages(checks: readonly ToolCheck[]): string[] {
  return [...new Set(checks.filter((c) => !c.path).map((c) => c.tool.packageName))];
}
