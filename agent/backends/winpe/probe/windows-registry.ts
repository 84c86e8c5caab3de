/**
 * Registry reads of the Windows probe, through `reg query` on the runner's synchronous door: a condition's value
 * name may be built from `%VAR%` while the condition is evaluated, so values cannot all be read up front. Each value
 * is looked for in the 64-bit view, then in the 32-bit one (`/reg:64`, `/reg:32`), and remembered until `forget()`.
 */
import type { RegistryValue } from '../../../../engine/index.ts';
import type { RunProcessSync } from '../../process/windows/windows-sync-runner.ts';
import { parseRegQuery, type RegQueryKey } from './reg-query-output.ts';

/** The registry views a value is looked for in, in order. */
export const REGISTRY_VIEWS = ['/reg:64', '/reg:32'] as const;

/** How long one `reg query` may take before it is ended. */
export const REG_QUERY_TIMEOUT_MS = 30_000;

/** Registry reads for the probe and the environment facts. */
export interface WindowsRegistry {
  /** A value (`''` = the default value) in the first view that has it, or undefined. */
  value(keyPath: string, valueName: string): RegistryValue | undefined;
  /** Whether the key exists in the 64-bit view. */
  keyExists(keyPath: string): boolean;
  /** A key and every key below it (`reg query /s`) in one view; empty when the key is not there. */
  tree(keyPath: string, view: (typeof REGISTRY_VIEWS)[number]): RegQueryKey[];
  /** Drops what was remembered. */
  forget(): void;
}

/** `reg` takes a key without a trailing backslash. */
function keyArg(keyPath: string): string {
  return keyPath.trim().replace(/\//g, '\\').replace(/\\+$/, '');
}

/**
 * A registry over `runSync`. A non-zero exit (the key or value is not there, or cannot be read) reads as absent.
 * @throws TaskseqError from the runner (`tool-missing` without reg.exe, `invalid-input` for a name holding `"`)
 */
export function createWindowsRegistry(runSync: RunProcessSync): WindowsRegistry {
  const values = new Map<string, RegistryValue | undefined>();
  const query = (args: readonly string[]) => {
    const r = runSync({ argv: ['reg', 'query', ...args], timeoutMs: REG_QUERY_TIMEOUT_MS });
    return r.exitCode === 0 && !r.killed ? r.stdout : undefined;
  };
  const read = (key: string, name: string): RegistryValue | undefined => {
    const which = name === '' ? ['/ve'] : ['/v', name];
    for (const view of REGISTRY_VIEWS) {
      const out = query([key, ...which, view]);
      const found = out === undefined ? undefined : parseRegQuery(out)[0]?.values;
      // `/ve` prints the one default value under a name Windows words in its own language.
      const hit = name === '' ? found?.values().next().value : found?.get(name.toLowerCase());
      if (hit) return hit;
    }
    return undefined;
  };
  return {
    value(keyPath, valueName) {
      const key = keyArg(keyPath);
      const id = `${key.toLowerCase()}\n${valueName.toLowerCase()}`;
      if (!values.has(id)) values.set(id, read(key, valueName));
      return values.get(id);
    },
    keyExists: (keyPath) => query([keyArg(keyPath), REGISTRY_VIEWS[0]]) !== undefined,
    tree: (keyPath, view) => parseRegQuery(query([keyArg(keyPath), '/s', view]) ?? ''),
    forget: () => values.clear(),
  };
}
